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
package io.confirmline.notifier.signing;

import com.standardwebhooks.Webhook;
import io.confirmline.tenant.SigningSecretFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Signs a webhook per the Standard Webhooks spec with the reference library: {@code v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">} for every active secret, space-separated, so a platform verifying with any one of them
 * accepts it (rotation without downtime).
 */
public final class WebhookSigner {

    private final List<Webhook> secrets;

    /**
     * What is wrong with a signing secret, if anything, asked before a tenant's secrets sign: a secret that cannot
     * sign fails that tenant's deliveries with this reason. The answer never contains the secret.
     */
    public static Optional<String> problem(String secret) {
        // The format is the console's check too (SigningSecretFormat), so a secret it accepted is one we read;
        // the probe below adds only what the library itself refuses.
        Optional<String> format = SigningSecretFormat.problem(secret);
        if (format.isPresent()) {
            return format;
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
        return secrets.stream()
                .map(secret -> sign(secret, webhookId, timestampSeconds, body))
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
