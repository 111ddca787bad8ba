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
package io.confirmline.tenant;

import io.confirmline.events.EncryptedSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the tenant secrets that travel on {@code tenants.v1}. The additional authenticated data is
 * {@code tenantId:secretId}, so a ciphertext moved to another tenant or another secret fails to decrypt instead
 * of becoming that tenant's key. Every record names the key that encrypted it; a service holds the current key
 * and any previous ones, so keys rotate without a flag day (docs/operations.md).
 */
public final class SecretsCipher {

    /** The key used when none is configured: public, so only for the local stack and tests. */
    public static final String DEMO_KEY = "demo:"
            + Base64.getEncoder()
                    .encodeToString("confirmline-local-demo-key-32-b!".getBytes(StandardCharsets.US_ASCII));

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    private SecretsCipher(String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /**
     * @throws IllegalArgumentException naming the setting (never the key) when a key is malformed
     */
    public static SecretsCipher from(SecretsProperties properties) {
        String current =
                properties.key().isBlank() ? DEMO_KEY : properties.key().trim();
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String currentId = parse(current, "confirmline.secrets.key", keys);
        List<String> previous = properties.previousKeys();
        for (int i = 0; i < previous.size(); i++) {
            parse(previous.get(i).trim(), "confirmline.secrets.previous-keys[" + i + "]", keys);
        }
        return new SecretsCipher(currentId, Map.copyOf(keys));
    }

    private static String parse(String written, String setting, Map<String, SecretKeySpec> into) {
        int colon = written.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(setting + " must be <keyId>:<base64 of 32 bytes>");
        }
        String id = written.substring(0, colon);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(written.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": the key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(setting + ": an AES-256 key has 32 bytes, this one " + key.length);
        }
        if (into.putIfAbsent(id, new SecretKeySpec(key, "AES")) != null) {
            throw new IllegalArgumentException(setting + ": key id " + id + " is given twice");
        }
        return id;
    }

    /** The id of the key new secrets are encrypted under. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Whether the current key is the public demo key. */
    public boolean usesDemoKey() {
        return "demo".equals(currentKeyId);
    }

    public EncryptedSecret encrypt(String tenantId, NamedSecret secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(tenantId, secret.id()));
            byte[] sealed = cipher.doFinal(secret.value().getBytes(StandardCharsets.UTF_8));
            return EncryptedSecret.newBuilder()
                    .setId(secret.id())
                    .setKeyId(currentKeyId)
                    .setNonce(ByteBuffer.wrap(nonce))
                    .setCiphertext(ByteBuffer.wrap(sealed))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is required by every JVM", e);
        }
    }

    /**
     * @throws SecretUnreadableException when the key it names is not held or the ciphertext does not authenticate
     *     (wrong key, another tenant's secret, tampering); the message names the tenant, secret id and key id only
     */
    public NamedSecret decrypt(String tenantId, EncryptedSecret sealed) {
        SecretKeySpec key = keys.get(sealed.getKeyId());
        if (key == null) {
            throw new SecretUnreadableException("Tenant " + tenantId + ": secret " + sealed.getId()
                    + " is encrypted under key " + sealed.getKeyId() + ", which this service does not hold");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes(sealed.getNonce())));
            cipher.updateAAD(aad(tenantId, sealed.getId()));
            byte[] clear = cipher.doFinal(bytes(sealed.getCiphertext()));
            return new NamedSecret(sealed.getId(), new String(clear, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new SecretUnreadableException("Tenant " + tenantId + ": secret " + sealed.getId()
                    + " does not decrypt under key " + sealed.getKeyId());
        }
    }

    private static byte[] aad(String tenantId, String secretId) {
        return (tenantId + ":" + secretId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    /** A secret that cannot be decrypted here; the tenant record carrying it is not applied. */
    public static final class SecretUnreadableException extends RuntimeException {
        public SecretUnreadableException(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "SecretsCipher[currentKeyId=" + currentKeyId + "]";
    }
}
