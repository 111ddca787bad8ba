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
package io.confirmline.orchestrator.erasure;

import io.confirmline.orchestrator.api.ApiRefusals;
import io.confirmline.orchestrator.api.PlatformAuthentication;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.confirmline.orchestrator.reservation.ReservationValidator;
import io.confirmline.tenant.Tenant;
import io.micrometer.tracing.Tracer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/erasures} with {@code {"phone": "+34600111222"}}: erases what the calling tenant's bookings,
 * messages and calls hold about that number (the tenant comes from the API key). The number travels in the body,
 * never in the URL, so it reaches no access log. 200 with the receipt, also when there was nothing (left) to erase.
 */
@RestController
public class ErasureController {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final PlatformAuthentication authentication;
    private final Erasures erasures;
    private final Tracer tracer;

    public ErasureController(PlatformAuthentication authentication, Erasures erasures, ObjectProvider<Tracer> tracer) {
        this.authentication = authentication;
        this.erasures = erasures;
        this.tracer = tracer.getIfAvailable();
    }

    @PostMapping(path = "/api/erasures", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ErasureReceipt> erase(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @RequestBody(required = false) byte[] body) {
        Tenant tenant = authentication.tenant(authorization);
        ApiRefusals.requireJson(contentType);
        String phone = phone(body);
        return TraceParent.ofRequest(tracer, erasures.erase(tenant.id(), phone));
    }

    /** The body's {@code phone}, a valid E.164 number, or a 400 naming the field (the number masked). */
    private static String phone(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JacksonException e) {
            // Not the parser's message: it may quote the body, and so the number.
            throw ApiRefusals.of(HttpStatus.BAD_REQUEST, "Malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiRefusals.of(
                    HttpStatus.BAD_REQUEST, "The body must be a JSON object: {\"phone\": \"+34600111222\"}");
        }
        JsonNode value = root.get("phone");
        List<String> problems = new ArrayList<>();
        if (value == null || value.isNull()) {
            problems.add("phone: is required");
        } else if (!value.isString()) {
            problems.add("phone: must be a string");
        } else {
            ReservationValidator.phone(value.asString(), "phone", problems);
        }
        if (!problems.isEmpty()) {
            throw ApiRefusals.invalid(problems);
        }
        return value.asString();
    }
}
