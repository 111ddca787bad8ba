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
package io.confirmline.console.security;

import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from, for the audit log and the sign-in limits. The connection's peer unless
 * {@code confirmline.console.trust-forwarded} is on; then the last {@code X-Forwarded-For} entry, the one our own
 * proxy appended (the entries before it are whatever the client wrote, so they cannot be trusted).
 */
@Component
public class ClientAddress {

    static final String UNKNOWN = "unknown";
    private static final int MAX_LENGTH = 64;

    private final boolean trustForwarded;

    public ClientAddress(ConsoleSecurityProperties properties) {
        this.trustForwarded = properties.trustForwarded();
    }

    public String of(ServerWebExchange exchange) {
        if (trustForwarded) {
            List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
            if (!forwarded.isEmpty()) {
                String last = forwarded.get(forwarded.size() - 1).strip();
                if (!last.isEmpty()) {
                    return clean(last);
                }
            }
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return UNKNOWN;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : clean(remote.getHostString());
    }

    /** A header value is the client's text: keep it short and printable before it goes into a log or a key. */
    private static String clean(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH));
        value.codePoints().limit(MAX_LENGTH).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
