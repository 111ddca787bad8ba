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
package io.confirmline.ingress.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallbackStateTest {

    @Test
    void theMenuStateTravelsThroughTheClientActionIdAndComesBackTheSame() {
        CallbackState.Menu menu = new CallbackState.Menu("res|42/é", 7, 1);
        String encoded = menu.encode();
        assertThat(encoded)
                .startsWith("cb1|m|")
                .hasSizeLessThanOrEqualTo(CallbackState.MAX_LENGTH)
                .matches("[A-Za-z0-9_|-]+");
        assertThat(CallbackState.parse(encoded)).contains(menu);
        assertThat(CallbackState.parse(new CallbackState.Bridged().encode())).contains(new CallbackState.Bridged());
    }

    @Test
    void aTamperedOrForeignIdDoesNotParse() {
        assertThat(CallbackState.parse(null)).isEmpty();
        assertThat(CallbackState.parse("ivr1_level1")).isEmpty();
        assertThat(CallbackState.parse("cb1|m|!!!|1|0")).isEmpty();
        assertThat(CallbackState.parse("cb1|m|cmVz|x|0")).isEmpty();
        assertThat(CallbackState.parse("cb1|m|cmVz|1|-1")).isEmpty();
        assertThat(CallbackState.parse("cb1|m|cmVz|1")).isEmpty();
        assertThat(CallbackState.parse("cb1|m||1|0")).isEmpty();
        assertThat(CallbackState.parse("cb1|b|extra")).isEmpty();
        assertThat(CallbackState.parse("cb1|m|" + "A".repeat(300) + "|1|0")).isEmpty();
    }

    @Test
    void aReservationIdTooLongForTheIdIsNeverOffered() {
        assertThat(CallbackState.fits("r-1", 3)).isTrue();
        assertThat(CallbackState.fits("r".repeat(200), 3)).isFalse();
    }
}
