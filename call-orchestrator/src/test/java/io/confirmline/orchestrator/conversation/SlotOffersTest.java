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
