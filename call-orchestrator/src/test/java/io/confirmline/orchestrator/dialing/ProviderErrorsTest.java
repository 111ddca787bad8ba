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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 8x8's documented codes (8x8-voice-api.md §2.5, §2.6): which are worth another attempt. */
class ProviderErrorsTest {

    @ParameterizedTest(name = "{0} retryable={1}")
    @CsvSource({
        // A guest 8x8 cannot reach this way, or a request 8x8 will refuse again: never rung twice.
        "-2004, false", "-2008, false", "-2003, false", "-2005, false", "-2007, false", "-2009, false",
        "-1017, false", "-1014, false", "-1015, false", "-1016, false", "401, false", "404, false",
        // 8x8's own trouble: another attempt may get through.
        "-2001, true", "-2002, true", "-2006, true", "-2010, true", "-9999, true", "-1018, true",
        // A code added after the table says nothing about the guest.
        "-2999, true"
    })
    void eachDocumentedCodeIsClassified(int code, boolean retryable) {
        assertThat(ProviderErrors.retryable(code)).isEqualTo(retryable);
    }

    @org.junit.jupiter.api.Test
    void everyDocumentedCodeIsInTheTable() {
        for (int code = -1001; code >= -1020; code--) {
            assertThat(ProviderErrors.describe(code)).as("sync code %d", code).isPresent();
        }
        for (int code = -2001; code >= -2010; code--) {
            assertThat(ProviderErrors.describe(code)).as("async code %d", code).isPresent();
        }
        assertThat(ProviderErrors.describe(-9999)).isPresent();
    }
}
