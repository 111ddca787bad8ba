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
package io.confirmline.console.tenant;

import io.confirmline.events.EncryptedSecret;
import io.confirmline.security.SecretDigest;
import io.confirmline.tenant.NamedDigest;
import io.confirmline.tenant.NamedSecret;
import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.TenantRecords;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns secrets in clear into what is stored (sealed under the current secrets key, or a digest), makes new ones,
 * and opens the stored ones again to publish them. A clear value lives only in the request that brought it.
 */
@Component
public class TenantSecrets {

    /** The id the event's API key carries when the tenant has none yet (YAML left it to be added). */
    static final String NO_API_KEY = "none";
    /** How {@code tenants.v1} names the console key's digest among the platform keys. */
    public static final String CONSOLE_KEY_NAME = "console";

    private final SecretsCipher cipher;
    private final SecureRandom random = new SecureRandom();

    public TenantSecrets(SecretsCipher cipher) {
        this.cipher = cipher;
    }

    public SecretsCipher cipher() {
        return cipher;
    }

    /** A new secret id, {@code sec_} and 8 hex digits: names a secret in lists, logs and the audit trail. */
    public String newId() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return "sec_" + HexFormat.of().formatHex(bytes);
    }

    /** What is stored for {@code value}: sealed under the current key, or its digest. */
    public StoredSecret store(String tenantId, SecretKind kind, String value) {
        String id = newId();
        if (kind.sealed()) {
            EncryptedSecret sealed = cipher.encrypt(tenantId, new NamedSecret(id, value));
            return new StoredSecret(
                    id,
                    kind,
                    sealed.getKeyId(),
                    bytes(sealed.getNonce()),
                    bytes(sealed.getCiphertext()),
                    null,
                    Instant.now());
        }
        return new StoredSecret(
                id, kind, null, null, null, SecretDigest.of(value).bytes(), Instant.now());
    }

    /** {@code secret} sealed again under the current key (the value unchanged, a fresh nonce). */
    public StoredSecret reseal(String tenantId, StoredSecret secret) {
        NamedSecret clear = open(tenantId, secret);
        EncryptedSecret sealed = cipher.encrypt(tenantId, clear);
        return new StoredSecret(
                secret.id(),
                secret.kind(),
                sealed.getKeyId(),
                bytes(sealed.getNonce()),
                bytes(sealed.getCiphertext()),
                null,
                secret.createdAt());
    }

    /** Whether {@code secret} is sealed under a key other than the current one. */
    public boolean needsReseal(StoredSecret secret) {
        return secret.kind().sealed() && !cipher.currentKeyId().equals(secret.keyId());
    }

    /**
     * A sealed secret in clear, for publishing or calling 8x8.
     *
     * @throws SecretsCipher.SecretUnreadableException when its key is not held (a previous key was dropped too soon)
     */
    public NamedSecret open(String tenantId, StoredSecret secret) {
        return cipher.decrypt(
                tenantId,
                EncryptedSecret.newBuilder()
                        .setId(secret.id())
                        .setKeyId(secret.keyId())
                        .setNonce(ByteBuffer.wrap(secret.nonce()))
                        .setCiphertext(ByteBuffer.wrap(secret.ciphertext()))
                        .build());
    }

    /**
     * The tenant's secrets as {@link TenantRecords#toEvent} takes them. The console key goes out as one more platform
     * key's digest, named {@value #CONSOLE_KEY_NAME}: the orchestrator and the notifier accept it with no change of
     * theirs, and it goes when the tenant goes.
     */
    public TenantRecords.Secrets forEvent(String tenantId, List<StoredSecret> stored) {
        NamedSecret apiKey = stored.stream()
                .filter(s -> s.kind() == SecretKind.API_KEY)
                .reduce((first, second) -> second)
                .map(s -> open(tenantId, s))
                .orElse(new NamedSecret(NO_API_KEY, ""));
        List<NamedDigest> platformKeys = new ArrayList<>(digests(stored, SecretKind.PLATFORM_KEY));
        stored.stream()
                .filter(s -> s.kind() == SecretKind.CONSOLE_KEY)
                .reduce((first, second) -> second)
                .map(s -> new NamedDigest(
                        CONSOLE_KEY_NAME, SecretDigest.of(open(tenantId, s).value())))
                .ifPresent(platformKeys::add);
        return new TenantRecords.Secrets(
                apiKey,
                digests(stored, SecretKind.WEBHOOK_TOKEN),
                platformKeys,
                stored.stream()
                        .filter(s -> s.kind() == SecretKind.SIGNING_SECRET)
                        .map(s -> open(tenantId, s))
                        .toList());
    }

    private static List<NamedDigest> digests(List<StoredSecret> stored, SecretKind kind) {
        return stored.stream()
                .filter(s -> s.kind() == kind)
                .map(s -> new NamedDigest(s.id(), SecretDigest.ofDigest(s.sha256())))
                .toList();
    }

    /**
     * A new value of {@code kind}: a webhook token is a whole Authorization value ({@code Bearer ...}), a signing
     * secret a Standard Webhooks secret ({@code whsec_} and 32 random bytes), a platform key 32 random bytes. An
     * 8x8 API key cannot be made here: 8x8 issues it.
     */
    public String generate(SecretKind kind) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return switch (kind) {
            case WEBHOOK_TOKEN ->
                "Bearer " + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            case PLATFORM_KEY, CONSOLE_KEY ->
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            case SIGNING_SECRET -> "whsec_" + Base64.getEncoder().encodeToString(bytes);
            case API_KEY -> throw new IllegalArgumentException("8x8 issues API keys");
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
