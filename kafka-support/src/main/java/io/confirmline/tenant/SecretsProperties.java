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

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys tenant secrets are encrypted under on {@code tenants.v1} ({@code confirmline.secrets.*}), each written
 * {@code <keyId>:<base64 of 32 random bytes>}, e.g. {@code CONFIRMLINE_SECRETS_KEY=k2026:3q2+7w...}.
 *
 * @param key the current key: it encrypts, and decrypts what it encrypted. Empty means the built-in demo key,
 *     which only the local stack and tests may use (the production profile refuses it).
 * @param previousKeys keys that only decrypt, for records written before a rotation
 */
@ConfigurationProperties("confirmline.secrets")
public record SecretsProperties(
        @DefaultValue("") String key, @DefaultValue({}) List<String> previousKeys) {

    @Override
    public String toString() {
        return "SecretsProperties[key=***, previousKeys=" + previousKeys.size() + "]";
    }
}
