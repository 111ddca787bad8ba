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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.events.EncryptedSecret;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsCipherTest {

    private static String key(String id) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return id + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    private final String k1 = key("k1");
    private final String k2 = key("k2");

    @Test
    void aSecretSealedForOneTenantOpensOnlyForThatTenantAndSecretId() {
        SecretsCipher cipher = SecretsCipher.from(new SecretsProperties(k1, List.of()));
        EncryptedSecret sealed = cipher.encrypt("luigis", new NamedSecret("sec_1", "the-8x8-key"));

        assertThat(sealed.getKeyId()).isEqualTo("k1");
        assertThat(cipher.decrypt("luigis", sealed).value()).isEqualTo("the-8x8-key");
        assertThatThrownBy(() -> cipher.decrypt("marios", sealed))
                .isInstanceOf(SecretsCipher.SecretUnreadableException.class)
                .hasMessageContaining("marios")
                .hasMessageNotContaining("the-8x8-key");
        EncryptedSecret renamed =
                EncryptedSecret.newBuilder(sealed).setId("sec_2").build();
        assertThatThrownBy(() -> cipher.decrypt("luigis", renamed))
                .isInstanceOf(SecretsCipher.SecretUnreadableException.class);
    }

    @Test
    void everyEncryptionUsesAFreshNonceSoEqualSecretsLookDifferent() {
        SecretsCipher cipher = SecretsCipher.from(new SecretsProperties(k1, List.of()));
        EncryptedSecret a = cipher.encrypt("luigis", new NamedSecret("sec_1", "same"));
        EncryptedSecret b = cipher.encrypt("luigis", new NamedSecret("sec_1", "same"));
        assertThat(a.getNonce()).isNotEqualTo(b.getNonce());
        assertThat(a.getCiphertext()).isNotEqualTo(b.getCiphertext());
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        SecretsCipher cipher = SecretsCipher.from(new SecretsProperties(k1, List.of()));
        EncryptedSecret sealed = cipher.encrypt("luigis", new NamedSecret("sec_1", "value"));
        byte[] bytes = sealed.getCiphertext().array().clone();
        bytes[0] ^= 1;
        EncryptedSecret tampered = EncryptedSecret.newBuilder(sealed)
                .setCiphertext(ByteBuffer.wrap(bytes))
                .build();
        assertThatThrownBy(() -> cipher.decrypt("luigis", tampered))
                .isInstanceOf(SecretsCipher.SecretUnreadableException.class);
    }

    @Test
    void afterAKeyRotationOldRecordsStillOpenWithThePreviousKeyAndNewOnesUseTheNewKey() {
        SecretsCipher before = SecretsCipher.from(new SecretsProperties(k1, List.of()));
        EncryptedSecret old = before.encrypt("luigis", new NamedSecret("sec_1", "old-value"));

        SecretsCipher after = SecretsCipher.from(new SecretsProperties(k2, List.of(k1)));
        assertThat(after.decrypt("luigis", old).value()).isEqualTo("old-value");
        assertThat(after.encrypt("luigis", new NamedSecret("sec_1", "x")).getKeyId())
                .isEqualTo("k2");

        SecretsCipher withoutOldKey = SecretsCipher.from(new SecretsProperties(k2, List.of()));
        assertThatThrownBy(() -> withoutOldKey.decrypt("luigis", old))
                .hasMessageContaining("key k1, which this service does not hold");
    }

    @Test
    void aMalformedKeyIsNamedByItsSettingNeverShown() {
        assertThatThrownBy(() -> SecretsCipher.from(new SecretsProperties("nocolon", List.of())))
                .hasMessageContaining("confirmline.secrets.key must be <keyId>:<base64 of 32 bytes>");
        assertThatThrownBy(() -> SecretsCipher.from(new SecretsProperties("k:c2hvcnQ=", List.of())))
                .hasMessageContaining("32 bytes, this one 5")
                .hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> SecretsCipher.from(new SecretsProperties(k1, List.of(k1))))
                .hasMessageContaining("previous-keys[0]: key id k1 is given twice");
    }

    @Test
    void withoutAKeyTheDemoKeyIsUsedAndSaysSo() {
        SecretsCipher cipher = SecretsCipher.from(new SecretsProperties("", List.of()));
        assertThat(cipher.usesDemoKey()).isTrue();
        assertThat(SecretsCipher.from(new SecretsProperties(k1, List.of())).usesDemoKey())
                .isFalse();
    }
}
