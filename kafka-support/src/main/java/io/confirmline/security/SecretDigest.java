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
package io.confirmline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A configured secret (webhook token, API key, admin token) kept only as its SHA-256 digest, compared with a
 * presented value in constant time: both sides are hashed first, so neither the content nor the length of the
 * secret leaks through timing. Every service that checks a secret uses this one comparison.
 */
public final class SecretDigest {

    private final byte[] digest;

    private SecretDigest(byte[] digest) {
        this.digest = digest;
    }

    public static SecretDigest of(String secret) {
        return new SecretDigest(sha256(secret));
    }

    /** A digest computed elsewhere (a tenant's token as it travels on {@code tenants.v1}). */
    public static SecretDigest ofDigest(byte[] sha256) {
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        return new SecretDigest(sha256.clone());
    }

    /** The digest itself (not the secret), to publish where only comparison is needed. */
    public byte[] bytes() {
        return digest.clone();
    }

    /** Whether {@code presented} is the secret; null never is. */
    @SuppressWarnings("ShortCircuitBoolean") // both sides evaluated: the comparison's time must not tell null apart
    public boolean matches(String presented) {
        return MessageDigest.isEqual(sha256(presented == null ? "" : presented), digest) & presented != null;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SecretDigest[***]";
    }
}
