package io.confirmline.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretDigestTest {

    @Test
    void matchesOnlyTheSecretItself() {
        SecretDigest secret = SecretDigest.of("Bearer s3cr3t");

        assertThat(secret.matches("Bearer s3cr3t")).isTrue();
        assertThat(secret.matches("Bearer s3cr3t ")).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
        assertThat(secret.toString()).doesNotContain("s3cr3t");
    }
}
