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
    Mono<Map<String, Object>> register(
            @PathVariable String id,
            ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @RequestBody(required = false) byte[] body) {
        return TenantAccess.manager(id)
                .flatMap(principal -> registration.register(
                        id,
                        RequestBodies.optionalString(contentType, body, "webhookToken"),
                        TenantAccess.actor(principal, addresses.of(exchange))));
    }
}
