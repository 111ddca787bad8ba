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
package io.confirmline.ingress.webhook;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads webhook bodies. 8x8's payloads are two or three levels deep; anything nested deeper than
 * {@value #MAX_DEPTH} levels is refused before it costs us stack or memory. Bytes that are not UTF-8 JSON are
 * refused with Jackson's reason.
 */
public final class WebhookJson {

    static final int MAX_DEPTH = 16;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(64 * 1024)
                            .build())
                    .build())
            .build();

    private WebhookJson() {}

    public static JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw WebhookRefusals.badRequest("The body is empty; 8x8 sends a JSON object");
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw WebhookRefusals.badRequest("The body must be a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw WebhookRefusals.badRequest("Malformed JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The node as JSON with object keys sorted, so the same content gives the same text however it was ordered
     * (for deriving an eventId that a redelivery reproduces).
     */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        writeCanonical(node, out);
        return out.toString();
    }

    private static void writeCanonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (String name : node.propertyNames()) {
                sorted.put(name, node.get(name));
            }
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> entries = sorted.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                out.append(MAPPER.writeValueAsString(entry.getKey())).append(':');
                writeCanonical(entry.getValue(), out);
                if (entries.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeCanonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }
}
