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

import java.util.Base64;
import java.util.Optional;

/**
 * The format of a Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the key. The owner
 * console refuses a secret that does not have it before it is stored, and the notifier checks the same way, so a
 * secret the console accepted is one the notifier can sign with.
 */
public final class SigningSecretFormat {

    public static final String PREFIX = "whsec_";

    private SigningSecretFormat() {}

    /** What is wrong with {@code secret}, if anything; the answer never contains the secret. */
    public static Optional<String> problem(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.of("does not start with " + PREFIX + " (a Standard Webhooks secret is " + PREFIX
                    + " followed by the base64 key)");
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
        return Optional.empty();
    }
}
