package io.confirmline.console.tenant;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of tenant secret: those a service uses in clear are sealed (kept encrypted, published encrypted),
 * those that are only compared are kept and published as SHA-256 digests only.
 *
 * @param stored the {@code tenant_secret.kind} value
 * @param path how {@code /api/admin/tenants/{id}/secrets/{kind}} names it
 * @param field how the tenant's JSON names the list
 * @param sealed whether it is kept encrypted (else as a digest)
 */
public enum SecretKind {
    API_KEY("api-key", "api-key", "apiKey", true),
    WEBHOOK_TOKEN("webhook-token", "webhook-tokens", "webhookTokens", false),
    PLATFORM_KEY("platform-key", "platform-keys", "platformApiKeys", false),
    SIGNING_SECRET("signing-secret", "signing-secrets", "signingSecrets", true);

    private final String stored;
    private final String path;
    private final String field;
    private final boolean sealed;

    SecretKind(String stored, String path, String field, boolean sealed) {
        this.stored = stored;
        this.path = path;
        this.field = field;
        this.sealed = sealed;
    }

    public String stored() {
        return stored;
    }

    public String path() {
        return path;
    }

    public String field() {
        return field;
    }

    public boolean sealed() {
        return sealed;
    }

    public static SecretKind ofStored(String value) {
        return Arrays.stream(values()).filter(k -> k.stored.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown secret kind " + value));
    }

    public static Optional<SecretKind> ofPath(String value) {
        return Arrays.stream(values()).filter(k -> k.path.equals(value)).findFirst();
    }
}
