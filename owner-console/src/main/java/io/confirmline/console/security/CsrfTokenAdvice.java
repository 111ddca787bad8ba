package io.confirmline.console.security;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Puts the CSRF token into every page's model as {@code _csrf}, for the hidden field of each form. In WebFlux the
 * token is a lazy {@code Mono} that nobody subscribes to unless a page asks for it; this is the asking.
 */
@ControllerAdvice
public class CsrfTokenAdvice {

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }
}
