package io.confirmline.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose path or query, once decoded, contains a NUL ({@code %00}) with a 400 problem. No id of
 * ours contains one, and PostgreSQL cannot even compare text with one: looked up, it fails the query (a 500).
 */
public class NulCharacterFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (hasNul(request)) {
            return Mono.error(ProblemException.badRequest("http-400", "The request path or query contains a NUL character"));
        }
        return chain.filter(exchange);
    }

    private static boolean hasNul(ServerHttpRequest request) {
        String rawPath = request.getURI().getRawPath();
        String rawQuery = request.getURI().getRawQuery();
        return contains(rawPath) || contains(rawQuery);
    }

    /** {@code %00} in any case; a literal NUL cannot reach us in a request line. */
    private static boolean contains(String raw) {
        return raw != null && raw.contains("%00");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
