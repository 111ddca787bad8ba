package io.confirmline.notifier.signing;

import com.standardwebhooks.Webhook;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs a webhook per the Standard Webhooks spec with the reference library: {@code v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">} for every active secret, space-separated, so a platform verifying with any one of them
 * accepts it (rotation without downtime).
 */
public final class WebhookSigner {

    private final List<Webhook> secrets;

    public WebhookSigner(List<String> signingSecrets) {
        this.secrets = signingSecrets.stream().map(Webhook::new).toList();
    }

    /** The {@code webhook-signature} header value. */
    public String sign(String webhookId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> sign(secret, webhookId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    private static String sign(Webhook secret, String webhookId, long timestampSeconds, String body) {
        try {
            return secret.sign(webhookId, timestampSeconds, body);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign webhook " + webhookId, e);
        }
    }
}
