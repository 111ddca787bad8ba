package io.confirmline.console.webhooks;

import io.confirmline.console.tenant.TenantAccess;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /api/admin/tenants/{id}/register-webhooks}: the tenant's owner or the platform admin. */
@RestController
public class WebhookRegistrationController {

    private final WebhookRegistration registration;

    public WebhookRegistrationController(WebhookRegistration registration) {
        this.registration = registration;
    }

    @PostMapping(path = "/api/admin/tenants/{id}/register-webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> register(@PathVariable String id, ServerHttpRequest request) {
        return TenantAccess.manager(id)
                .flatMap(principal -> registration.register(id, TenantAccess.actor(principal, request)));
    }
}
