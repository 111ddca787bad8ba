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
package io.confirmline.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensitiveTextTest {

    @Test
    void phoneNumbersKeepOnlyTheirPrefixAndLastTwoDigits() {
        assertThat(SensitiveText.maskPhone("+34600111222")).isEqualTo("+34*******22");
        assertThat(SensitiveText.maskPhone("6591234567")).isEqualTo("65******67");
        assertThat(SensitiveText.mask("calling +34600111222 for r-1")).isEqualTo("calling +34*******22 for r-1");
        assertThat(SensitiveText.mask("destination=6591234567,")).isEqualTo("destination=65******67,");
    }

    @Test
    void idsTimestampsAndSmallNumbersAreLeftAlone() {
        String line = "session a4fad4b3-b388-12ee-b217-2fb8260fcf59 at 2024-05-16T04:12:11.217Z offset 42 port 8081";
        assertThat(SensitiveText.mask(line)).isEqualTo(line);
    }

    @Test
    void secretsAfterTheirNameAreMasked() {
        assertThat(SensitiveText.mask("Authorization: Bearer s3cr3t-token"))
                .doesNotContain("s3cr3t-token")
                .contains("***");
        assertThat(SensitiveText.mask("api-key=abc123XYZ")).isEqualTo("api-key=***");
        assertThat(SensitiveText.mask("secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .doesNotContain("MfKQ9r8");
    }
}
