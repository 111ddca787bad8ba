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
package io.confirmline.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One generated request: what is sent, as {@link HostileClient} sends it.
 *
 * @param path the request target, already percent-encoded where needed (query included)
 * @param headers in order; repeated names allowed
 * @param body null for none
 */
public record HostileRequest(String method, String path, List<Map.Entry<String, String>> headers, byte[] body) {

    /** A request with the headers every fuzz test sends: each of the first three only when not null, then {@code odd}. */
    public static HostileRequest of(
            String method,
            String path,
            String authorization,
            String contentType,
            String accept,
            List<Map.Entry<String, String>> odd,
            byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (authorization != null) {
            headers.add(new AbstractMap.SimpleEntry<>("Authorization", authorization));
        }
        if (contentType != null) {
            headers.add(new AbstractMap.SimpleEntry<>("Content-Type", contentType));
        }
        if (accept != null) {
            headers.add(new AbstractMap.SimpleEntry<>("Accept", accept));
        }
        headers.addAll(odd);
        return new HostileRequest(method, path, headers, body);
    }

    /** Enough to reproduce a failure by hand: method, path, headers (long values cut) and the start of the body. */
    public String describe() {
        StringBuilder out = new StringBuilder(method).append(' ').append(cut(path, 200));
        for (Map.Entry<String, String> header : headers) {
            out.append("\n  ").append(header.getKey()).append(": ").append(cut(header.getValue(), 120));
        }
        if (body != null) {
            out.append("\n  body (")
                    .append(body.length)
                    .append(" bytes): ")
                    .append(cut(new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8), 400));
        }
        return out.toString();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + ")";
    }
}
