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
package io.confirmline.console.user;

import io.confirmline.security.SecretDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Invitation tokens: 256 random bits, handed out once in the link; the database keeps only their SHA-256, so a
 * copy of the database does not let anyone set a password.
 */
final class Invitations {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 bytes in unpadded base64url. */
    static final int TOKEN_LENGTH = 43;

    private Invitations() {}

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] digest(String token) {
        return SecretDigest.of(token).bytes();
    }

    /** Whether the text can be a token at all (anything else is not even looked up). */
    static boolean wellFormed(String token) {
        return token != null
                && token.length() == TOKEN_LENGTH
                && token.chars().allMatch(c -> (Character.isLetterOrDigit(c) && c < 128) || c == '-' || c == '_');
    }
}
