package io.confirmline.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Standard Webhooks secret format the console refuses before storing and the notifier checks alike. */
class SigningSecretFormatTest {

    @Test
    void whsecFollowedByBase64IsASecretAndTheAnswerNeverQuotesIt() {
        assertThat(SigningSecretFormat.problem("whsec_MDEyMzQ1Njc4OWFiY2RlZg==")).isEmpty();
        assertThat(SigningSecretFormat.problem("sk_MDEyMzQ1Njc4OWFiY2RlZg==")).get().asString().contains("whsec_")
                .doesNotContain("sk_MDEy");
        assertThat(SigningSecretFormat.problem("whsec_not base64!")).get().asString().contains("not valid base64")
                .doesNotContain("not base64!");
        assertThat(SigningSecretFormat.problem("whsec_")).get().asString().contains("no key");
        assertThat(SigningSecretFormat.problem(null)).isPresent();
    }
}
