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

import org.junit.jupiter.api.Test;

/** The Standard Webhooks secret format the console refuses before storing and the notifier checks alike. */
class SigningSecretFormatTest {

    @Test
    void whsecFollowedByBase64IsASecretAndTheAnswerNeverQuotesIt() {
        assertThat(SigningSecretFormat.problem("whsec_MDEyMzQ1Njc4OWFiY2RlZg=="))
                .isEmpty();
        assertThat(SigningSecretFormat.problem("sk_MDEyMzQ1Njc4OWFiY2RlZg=="))
                .get()
                .asString()
                .contains("whsec_")
                .doesNotContain("sk_MDEy");
        assertThat(SigningSecretFormat.problem("whsec_not base64!"))
                .get()
                .asString()
                .contains("not valid base64")
                .doesNotContain("not base64!");
        assertThat(SigningSecretFormat.problem("whsec_")).get().asString().contains("no key");
        assertThat(SigningSecretFormat.problem(null)).isPresent();
    }
}
