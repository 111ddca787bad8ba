/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.confirmline.console.tenant;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API's request bodies: JSON objects, a key given twice refused, never quoted back in a refusal (a body
 * may hold secrets).
 */
public final class RequestBodies {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RequestBodies() {}

    /** The body as a JSON object, or the 415/400 that says why not. */
    public static JsonNode object(MediaType contentType, byte[] body) {
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            throw AdminProblems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json");
        }
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw AdminProblems.badRequest("Malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw AdminProblems.badRequest("The body must be a JSON object");
        }
        return root;
    }

    /**
     * A body of one optional string field ({@code {"value": "..."}}): empty for no body at all or a null field; a
     * 400 naming any other field or a value that is not a string.
     */
    public static Optional<String> optionalString(MediaType contentType, byte[] body, String field) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode root = object(contentType, body);
        Problems problems = new Problems();
        for (String name : root.propertyNames()) {
            if (!name.equals(field)) {
                problems.add(name, "is not a known field");
            }
        }
        JsonNode value = root.get(field);
        if (value != null && !value.isNull() && !value.isString()) {
            problems.add(field, "must be a string");
        }
        if (!problems.isEmpty()) {
            throw AdminProblems.invalid(problems);
        }
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }
}
