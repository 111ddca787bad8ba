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
package io.confirmline.ingress.source;

import io.confirmline.ingress.webhook.WebhookRefusals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Refuses webhooks from addresses outside the allow-list when it is enabled. Other paths are not affected. */
@Component
public class SourceAddressFilter implements WebFilter, Ordered {

    private static final String SMS_PATHS = "/webhooks/8x8/sms/";

    private final boolean enabled;
    private final List<AddressRange> allowed;
    private final List<AddressRange> smsAllowed;
    private final List<AddressRange> trustedProxies;

    public SourceAddressFilter(SourceAddressProperties properties) {
        this.enabled = properties.enabled();
        this.allowed = properties.allowed().stream().map(AddressRange::parse).toList();
        this.smsAllowed =
                properties.smsAllowed().stream().map(AddressRange::parse).toList();
        this.trustedProxies =
                properties.trustedProxies().stream().map(AddressRange::parse).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!enabled || !(path.startsWith("/webhooks/") || path.startsWith("/api/webhooks/"))) {
            return chain.filter(exchange);
        }
        // The SMS webhooks come from 8x8's messaging addresses, not its voice ones (8x8-voice-api.md §5.2).
        List<AddressRange> ranges = path.startsWith(SMS_PATHS) ? smsAllowed : allowed;
        if (ranges.isEmpty() && path.startsWith(SMS_PATHS)) {
            return chain.filter(exchange);
        }
        Optional<InetAddress> caller = caller(exchange);
        if (caller.isPresent() && ranges.stream().anyMatch(range -> range.contains(caller.get()))) {
            return chain.filter(exchange);
        }
        return Mono.error(WebhookRefusals.forbidden("Webhooks are accepted only from 8x8's published addresses"));
    }

    /**
     * The caller: the peer address, unless the peer is one of our trusted proxies; then the right-most
     * {@code X-Forwarded-For} entry that is not a trusted proxy (entries left of it could be forged by the caller).
     */
    Optional<InetAddress> caller(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return Optional.empty();
        }
        InetAddress peer = remote.getAddress();
        if (!isTrustedProxy(peer)) {
            return Optional.of(peer);
        }
        List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = address(forwarded.get(i));
            if (hop.isEmpty()) {
                return Optional.empty();
            }
            if (!isTrustedProxy(hop.get())) {
                return hop;
            }
        }
        return Optional.of(peer);
    }

    private boolean isTrustedProxy(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static Optional<InetAddress> address(String text) {
        try {
            return Optional.of(InetAddress.getByAddress(AddressRange.literal(text)));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
