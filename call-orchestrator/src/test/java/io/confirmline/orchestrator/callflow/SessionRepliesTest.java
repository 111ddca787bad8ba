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
package io.confirmline.orchestrator.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.callflow.CaptureSettings;
import io.confirmline.events.CallPurpose;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.prompt.PromptCatalog;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionRepliesTest {

    final Instant now = Instant.parse("2026-11-21T18:00:00Z");
    final SessionReplies.Session session =
            new SessionReplies.Session("luigis", "s-1", "c-1", "a-1", now, now.plusSeconds(3600));

    @Test
    void aConfirmationSessionCarriesTheRepliesForTheTenantsDigitsInTheGuestsLanguage() {
        PromptCatalog.Booking booking = new PromptCatalog.Booking(
                "Ana", "Luigi's", 4, null, Instant.parse("2026-11-21T19:00:00Z"), ZoneId.of("Europe/Madrid"), "es-ES");

        CallSessionOpened opened = SessionReplies.confirmation(
                session,
                new PromptCatalog(Map.of()),
                booking,
                "es-ES-ElviraNeural",
                CaptureSettings.DEFAULT,
                "1",
                "0",
                2,
                now);

        assertThat(opened.getPurpose()).isEqualTo(CallPurpose.CONFIRMATION);
        assertThat(opened.getDigitReplies()).containsOnlyKeys("1", "0");
        assertThat(opened.getDigitReplies().get("1"))
                .contains("Gracias, su reserva está confirmada. Le esperamos hoy a las 20:00.")
                .contains("\"action\":\"hangup\"")
                .contains("es-ES-ElviraNeural");
        assertThat(opened.getDigitReplies().get("0")).contains("Su reserva ha sido cancelada");
        assertThat(opened.getInvalidInputReply()).contains("sayAndCapture").contains("esa opción no es válida");
        assertThat(opened.getNoInputReply()).contains("sayAndCapture").contains("No hemos recibido ninguna tecla");
        assertThat(opened.getFinalReply()).contains("Volveremos a llamar").contains("hangup");
        assertThat(opened.getMaxReprompts()).isEqualTo(2);
        assertThat(opened.getEventId())
                .as("stable for the session, so a re-publish is recognised")
                .isEqualTo(SessionReplies.confirmation(
                                session,
                                new PromptCatalog(Map.of()),
                                booking,
                                "es-ES-ElviraNeural",
                                CaptureSettings.DEFAULT,
                                "1",
                                "0",
                                2,
                                now)
                        .getEventId());
    }

    @Test
    void theRepromptsNameTheTenantsKeys() {
        PromptCatalog.Booking booking = new PromptCatalog.Booking(
                "Ana", "Luigi's", 4, null, Instant.parse("2026-11-21T19:00:00Z"), ZoneId.of("Europe/Madrid"), "en-GB");

        CallSessionOpened opened = SessionReplies.confirmation(
                session,
                new PromptCatalog(Map.of(), "5", "6"),
                booking,
                "en-GB-Emma",
                CaptureSettings.DEFAULT,
                "5",
                "6",
                2,
                now);

        assertThat(opened.getDigitReplies()).containsOnlyKeys("5", "6");
        assertThat(opened.getInvalidInputReply())
                .contains("Sorry, that is not an option. Press 5 to confirm, or 6 to cancel.");
        assertThat(opened.getNoInputReply()).contains("We did not hear a key. Press 5 to confirm, or 6 to cancel.");
        assertThat(SessionReplies.confirmation(
                                session,
                                new PromptCatalog(Map.of()),
                                booking,
                                "en-GB-Emma",
                                CaptureSettings.DEFAULT,
                                "5",
                                "6",
                                2,
                                now)
                        .getInvalidInputReply())
                .as("the keys the session acts on, even from a catalog made for other digits")
                .contains("Press 5 to confirm, or 6 to cancel.");
    }

    @Test
    void withATransferItsKeySaysPuttingYouThroughThenBridgesFromOurNumberToTheVenueAndTheRepromptsOfferIt() {
        PromptCatalog.Booking booking = new PromptCatalog.Booking(
                "Ana", "Luigi's", 4, null, Instant.parse("2026-11-21T19:00:00Z"), ZoneId.of("Europe/Madrid"), "en-GB");

        CallSessionOpened opened = SessionReplies.confirmation(
                session,
                new PromptCatalog(Map.of()),
                booking,
                "en-GB-Emma",
                CaptureSettings.DEFAULT,
                "1",
                "0",
                new io.confirmline.orchestrator.tenant.Tenants.Transfer("9", "+3491000000", "+3491222333"),
                2,
                now);

        assertThat(opened.getDigitReplies()).containsOnlyKeys("1", "0", "9");
        assertThat(opened.getDigitReplies().get("9"))
                .contains("Putting you through to Luigi's. Please hold.")
                .contains(
                        "{\"action\":\"makeCall\",\"params\":{\"source\":\"+3491000000\",\"destination\":\"+3491222333\"}}")
                .doesNotContain("hangup");
        assertThat(opened.getInvalidInputReply())
                .contains("Press 1 to confirm, or 0 to cancel. Or press 9 to speak to Luigi's.");
        assertThat(opened.getNoInputReply()).contains("Or press 9 to speak to Luigi's.");
        assertThat(SessionReplies.confirmation(
                                session,
                                new PromptCatalog(Map.of()),
                                booking,
                                "en-GB-Emma",
                                CaptureSettings.DEFAULT,
                                "1",
                                "0",
                                2,
                                now)
                        .getInvalidInputReply())
                .as("no transfer, no word of it")
                .doesNotContain("press 9");
    }

    @Test
    void aVoiceMessageHangsUpOnAnyKey() {
        CallSessionOpened opened = SessionReplies.voiceMessage(session, "en-GB", "en-GB-Emma");

        assertThat(opened.getDigitReplies()).isEmpty();
        assertThat(opened.getInvalidInputReply()).isEqualTo("{\"callflow\":[{\"action\":\"hangup\"}]}");
        assertThat(opened.getNoInputReply()).isEqualTo(opened.getInvalidInputReply());
        assertThat(opened.getMaxReprompts()).isZero();
    }
}
