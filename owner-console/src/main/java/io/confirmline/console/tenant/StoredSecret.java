package io.confirmline.console.tenant;

import java.time.Instant;

/**
 * One row of {@code tenant_secret}: a sealed secret ({@code keyId}, {@code nonce}, {@code ciphertext}) or a digest
 * ({@code sha256}). Nothing in it is a secret in clear.
 */
public record StoredSecret(String id, SecretKind kind, String keyId, byte[] nonce, byte[] ciphertext, byte[] sha256,
        Instant createdAt) {

    @Override
    public String toString() {
        return "StoredSecret[id=" + id + ", kind=" + kind + ", keyId=" + keyId + "]";
    }
}
