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
package io.confirmline.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.sms.SmsParts.Encoding;
import org.junit.jupiter.api.Test;

/** What a text costs: GSM-7 or UCS-2, and how many segments (3GPP TS 23.038 and the concatenation header). */
class SmsPartsTest {

    @Test
    void oneHundredSixtyGsmCharactersAreOneSegmentAndOneMoreMakesTwo() {
        assertThat(SmsParts.of("a".repeat(160))).isEqualTo(new SmsParts(Encoding.GSM7, 1, 160));
        assertThat(SmsParts.of("a".repeat(161))).isEqualTo(new SmsParts(Encoding.GSM7, 2, 161));
        assertThat(SmsParts.of("a".repeat(306))).isEqualTo(new SmsParts(Encoding.GSM7, 2, 306));
        assertThat(SmsParts.of("a".repeat(307))).isEqualTo(new SmsParts(Encoding.GSM7, 3, 307));
    }

    @Test
    void extensionCharactersCountDouble() {
        assertThat(SmsParts.of("€")).isEqualTo(new SmsParts(Encoding.GSM7, 1, 2));
        assertThat(SmsParts.of("[x]")).isEqualTo(new SmsParts(Encoding.GSM7, 1, 5));
        assertThat(SmsParts.of("a".repeat(159) + "€")).isEqualTo(new SmsParts(Encoding.GSM7, 2, 161));
        assertThat(SmsParts.of("a".repeat(158) + "€")).isEqualTo(new SmsParts(Encoding.GSM7, 1, 160));
    }

    @Test
    void anEscapedCharacterIsNeverSplitAcrossSegments() {
        // 152 septets, then € (2) would straddle the 153 boundary: it opens segment two instead.
        assertThat(SmsParts.of("a".repeat(152) + "€" + "a".repeat(152)).segments())
                .isEqualTo(3);
        assertThat(SmsParts.of("a".repeat(151) + "€" + "a".repeat(153)).segments())
                .isEqualTo(2);
    }

    @Test
    void accentsOfTheGsmAlphabetStayGsmAndOthersForceUcs2() {
        assertThat(SmsParts.of("Luigi's: ¿mañana? Müller, café, à très bientôt").encoding())
                .isEqualTo(Encoding.UCS2);
        assertThat(SmsParts.of("Luigi's: ¿mañana? Müller, café, à bientôt").encoding())
                .isEqualTo(Encoding.UCS2);
        assertThat(SmsParts.of("Luigi's: ¿mañana? Müller, café, à demain").encoding())
                .isEqualTo(Encoding.GSM7);
        assertThat(SmsParts.of("sábado").encoding()).isEqualTo(Encoding.UCS2);
    }

    @Test
    void oneEmojiForcesUcs2AndCountsTwoCodeUnits() {
        assertThat(SmsParts.of("See you 👍")).isEqualTo(new SmsParts(Encoding.UCS2, 1, 10));
    }

    @Test
    void seventyUcs2CodeUnitsAreOneSegmentAndSeventyOneMakeTwo() {
        assertThat(SmsParts.of("á".repeat(70))).isEqualTo(new SmsParts(Encoding.UCS2, 1, 70));
        assertThat(SmsParts.of("á".repeat(71))).isEqualTo(new SmsParts(Encoding.UCS2, 2, 71));
        assertThat(SmsParts.of("á".repeat(134))).isEqualTo(new SmsParts(Encoding.UCS2, 2, 134));
        assertThat(SmsParts.of("á".repeat(135))).isEqualTo(new SmsParts(Encoding.UCS2, 3, 135));
    }

    @Test
    void aSurrogatePairIsNeverSplitAcrossSegments() {
        // 66 code units, then an emoji (2) would straddle the 67 boundary: it opens segment two.
        assertThat(SmsParts.of("á".repeat(66) + "😀" + "á".repeat(66)).segments())
                .isEqualTo(3);
        assertThat(SmsParts.of("á".repeat(65) + "😀" + "á".repeat(67)).segments())
                .isEqualTo(2);
    }

    @Test
    void anEmptyTextIsOneGsmSegment() {
        assertThat(SmsParts.of("")).isEqualTo(new SmsParts(Encoding.GSM7, 1, 0));
        assertThat(SmsParts.of(null)).isEqualTo(new SmsParts(Encoding.GSM7, 1, 0));
    }
}
