package io.confirmline.notifier.delivery;

import io.confirmline.notifier.signing.WebhookSigner;
import io.confirmline.notifier.tenant.NotifierTenantProperties.Tenant;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Prepares one attempt's request: the tenant's callback URL, the Standard Webhooks headers and the signature.
 * Whatever goes wrong here is the tenant's configuration or the delivery's data, not the platform's answer, so the
 * worker fails that one delivery for it instead of retrying (see {@link DeliveryWorker}).
 */
@Component
public class WebhookRequests {

    private final Map<String, WebhookSigner> signers = new ConcurrentHashMap<>();

    /** @throws RuntimeException when the request cannot be built; the message says why, never a secret */
    public WebhookRequest prepare(Tenant tenant, Delivery delivery, Instant now) {
        long timestamp = now.getEpochSecond();
        String signature = signers.computeIfAbsent(tenant.id(), id -> new WebhookSigner(tenant.signingSecrets()))
                .sign(delivery.webhookId(), timestamp, delivery.payload());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", delivery.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature);
        headers.put(HttpHeaders.USER_AGENT, "ConfirmLine-Webhooks/1.0");
        return new WebhookRequest(tenant.callbackUrl(), headers, delivery.payload());
    }
}
