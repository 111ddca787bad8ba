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
package io.confirmline.notifier.delivery;

import io.confirmline.notifier.signing.WebhookSigner;
import io.confirmline.tenant.NamedSecret;
import io.confirmline.tenant.Tenant;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Prepares one attempt's request from the tenant's settings as they are now: its callback URL, the Standard
 * Webhooks headers and a signature by every active secret. Whatever goes wrong here is the tenant's configuration
 * or the delivery's data, not the platform's answer, so the worker fails that one delivery for it instead of
 * retrying (see {@link DeliveryWorker}).
 *
 * <p>Settings are checked here, per delivery, because they change while the service runs ({@code tenants.v1}): a
 * secret or URL that cannot be used fails that tenant's deliveries, never the start-up or the other tenants.
 */
@Component
public class WebhookRequests {

    /** The signer built for a tenant's revision, or why none could be; rebuilt when the revision changes. */
    private record Signing(long revision, WebhookSigner signer, String problem) {}

    private final Map<String, Signing> signings = new ConcurrentHashMap<>();

    /**
     * @throws UnusableTenantSettings when the tenant's URL or a secret cannot be used (naming the tenant and the
     *     secret's id, never the secret)
     * @throws RuntimeException when the request cannot be built otherwise
     */
    public WebhookRequest prepare(Tenant tenant, Delivery delivery, Instant now) {
        URI url = callbackUrl(tenant);
        long timestamp = now.getEpochSecond();
        String signature = signer(tenant).sign(delivery.webhookId(), timestamp, delivery.payload());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", delivery.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature);
        headers.put(HttpHeaders.USER_AGENT, "ConfirmLine-Webhooks/1.0");
        return new WebhookRequest(url, headers, delivery.payload());
    }

    /** The URL is not printed: a platform may have put a token in it. */
    private static URI callbackUrl(Tenant tenant) {
        URI url = tenant.callbackUrl();
        String scheme = url == null ? null : url.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new UnusableTenantSettings("Tenant " + tenant.id() + ": callback-url must be http(s)");
        }
        if (url.getRawAuthority() == null || url.getRawAuthority().isBlank()) {
            throw new UnusableTenantSettings("Tenant " + tenant.id() + ": callback-url has no host");
        }
        return url;
    }

    private WebhookSigner signer(Tenant tenant) {
        // Not compute(): attempts of one tenant run side by side and must not queue on a lock. Two threads may build
        // the same revision's signer at once; either one will do.
        Signing signing = signings.get(tenant.id());
        if (signing == null || signing.revision() != tenant.revision()) {
            signing = signing(tenant);
            signings.put(tenant.id(), signing);
        }
        if (signing.problem() != null) {
            throw new UnusableTenantSettings(signing.problem());
        }
        return signing.signer();
    }

    private static Signing signing(Tenant tenant) {
        List<NamedSecret> secrets = tenant.signingSecrets();
        if (secrets.isEmpty()) {
            // Unsigned webhooks never go out: the platform could not tell them from forgeries.
            return new Signing(tenant.revision(), null, "Tenant " + tenant.id() + " has no signing secret");
        }
        for (NamedSecret secret : secrets) {
            String problem = WebhookSigner.problem(secret.value()).orElse(null);
            if (problem != null) {
                return new Signing(
                        tenant.revision(),
                        null,
                        "Tenant " + tenant.id() + ": signing secret " + secret.id() + " " + problem);
            }
        }
        return new Signing(
                tenant.revision(),
                new WebhookSigner(secrets.stream().map(NamedSecret::value).toList()),
                null);
    }

    /** A tenant setting this notifier cannot use; the message names the tenant and setting, never a secret. */
    public static final class UnusableTenantSettings extends RuntimeException {
        public UnusableTenantSettings(String message) {
            super(message, null, false, false);
        }
    }
}
