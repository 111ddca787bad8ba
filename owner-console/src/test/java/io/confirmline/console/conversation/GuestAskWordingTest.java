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
package io.confirmline.console.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.language.ConsoleTimes;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The thread's line for a guest's request, in the console's two languages, from the real messages files. */
class GuestAskWordingTest {

    private static final Locale SPANISH = Locale.forLanguageTag("es");
    private final GuestAskWording wording = new GuestAskWording(messages(), new ConsoleTimes());

    @Test
    void aChangeSaysOnlyThePartsTheGuestNamed() {
        assertThat(line("CHANGE_REQUESTED", null, "20:30", 4, "ASSISTANT", Locale.ENGLISH))
                .isEqualTo("Asked to change to 8:30 PM, 4 people — sent to your booking platform");
        assertThat(line("CHANGE_REQUESTED", "2026-12-05", null, 1, "ASSISTANT", Locale.ENGLISH))
                .isEqualTo("Asked to change to Sat 5 Dec, 1 person — sent to your booking platform");
        assertThat(line("CHANGE_REQUESTED", null, null, null, "ASSISTANT", Locale.ENGLISH))
                .isEqualTo("Asked to change their booking — sent to your booking platform");
        assertThat(line("CHANGE_REQUESTED", "2026-12-05", "20:30", 4, "ASSISTANT", SPANISH))
                .isEqualTo("Pidió un cambio: sáb 5 dic, 20:30, 4 personas — enviado a su plataforma de reservas");
    }

    @Test
    void aNewTableAndAnOfferedTimeThatWasPickedAreSaidAsSuch() {
        assertThat(line("BOOKING_REQUESTED", null, "21:00", 2, "ASSISTANT", Locale.ENGLISH))
                .isEqualTo("Asked for a table: 9:00 PM, 2 people — sent to your booking platform");
        assertThat(line("BOOKING_REQUESTED", null, null, null, null, SPANISH))
                .isEqualTo("Pidió una mesa — enviado a su plataforma de reservas");
        assertThat(line("CHANGE_REQUESTED", null, "19:45", null, "GUEST_PICK", Locale.ENGLISH))
                .isEqualTo("Picked 7:45 PM from the times offered — sent to your booking platform");
    }

    @Test
    void aDateOrTimeThePageCannotReadIsShownAsWritten() {
        assertThat(line("CHANGE_REQUESTED", "next friday", "half eight", null, "ASSISTANT", Locale.ENGLISH))
                .isEqualTo("Asked to change to next friday, half eight — sent to your booking platform");
    }

    private String line(String type, String date, String time, Integer people, String readBy, Locale locale) {
        return wording.line(new GuestAsk(type, date, time, people, readBy, Instant.now()), locale);
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
