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
package io.confirmline.orchestrator.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class SlotOffersTest {

    @Test
    void aTimeWithoutAmOrPmMayBeMorningOrEvening() {
        assertThat(SlotOffers.times("8:30 please")).containsExactly(LocalTime.of(8, 30), LocalTime.of(20, 30));
        assertThat(SlotOffers.times("the 20.30 one")).containsExactly(LocalTime.of(20, 30));
        assertThat(SlotOffers.times("a las 21h00")).containsExactly(LocalTime.of(21, 0));
    }

    @Test
    void amAndPmSayWhichHalfOfTheDay() {
        assertThat(SlotOffers.times("8:30pm")).containsExactly(LocalTime.of(20, 30));
        assertThat(SlotOffers.times("8 p.m. works")).containsExactly(LocalTime.of(20, 0));
        assertThat(SlotOffers.times("12am")).containsExactly(LocalTime.of(0, 0));
    }

    @Test
    void digitsThatAreNotATimeNameNone() {
        assertThat(SlotOffers.times("1")).isEmpty();
        assertThat(SlotOffers.times("we are 4 people")).isEmpty();
        assertThat(SlotOffers.times("call +34 600 111 222")).isEmpty();
        assertThat(SlotOffers.times("25:00 or 8:75")).isEmpty();
        assertThat(SlotOffers.times(null)).isEmpty();
    }
}
