package io.confirmline.notifier.signing;

import com.standardwebhooks.Webhook;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Signs a webhook per the Standard Webhooks spec with the reference library: {@code v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">} for every active secret, space-separated, so a platform verifying with any one of them
 * accepts it (rotation without downtime).
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";

    private final List<Webhook> secrets;

    /**
     * What is wrong with a signing secret, if anything, asked before a tenant's secrets sign: a secret that cannot
     * sign fails that tenant's deliveries with this reason. The answer never contains the secret.
     */
    public static Optional<String> problem(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.of("does not start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of("is not valid base64 after " + PREFIX);
        }
        if (key.length == 0) {
            return Optional.of("has no key after " + PREFIX);
        }
        try {
            new WebhookSigner(List.of(secret)).sign("msg_probe", 0, "{}");
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("cannot sign: " + e.getClass().getSimpleName());
        }
    }

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
