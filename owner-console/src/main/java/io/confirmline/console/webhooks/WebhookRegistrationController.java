package io.confirmline.console.webhooks;

import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.tenant.RequestBodies;
import io.confirmline.console.tenant.TenantAccess;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code POST /api/admin/tenants/{id}/register-webhooks}: the tenant's owner or the platform admin. */
@RestController
public class WebhookRegistrationController {

    private final WebhookRegistration registration;
    private final ClientAddress addresses;

    public WebhookRegistrationController(WebhookRegistration registration, ClientAddress addresses) {
        this.registration = registration;
        this.addresses = addresses;
    }

    /**
     * No body: a new webhook token is made and registered. {@code {"webhookToken": "..."}}: one of the tenant's
     * active tokens is registered again (no new secret).
     */
    @PostMapping(path = "/api/admin/tenants/{id}/register-webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> register(@PathVariable String id, ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @RequestBody(required = false) byte[] body) {
        return TenantAccess.manager(id).flatMap(principal -> registration.register(id,
                RequestBodies.optionalString(contentType, body, "webhookToken"),
                TenantAccess.actor(principal, addresses.of(exchange))));
    }
}
