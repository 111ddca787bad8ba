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
package io.confirmline.notifier.guest;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.GuestRequest;
import io.confirmline.notifier.NotifierTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which conversation events the platform hears, and what it reads. */
class GuestFactWebhooksTest {

    private static ConversationEvent fact(ConversationEventType type, String source) {
        return NotifierTestSupport.guestFact("luigis", "+34600111222", type, source, "r-7", "STOP");
    }

    @Test
    void optOutsAndOptInsFromTheGuestOrTheConsoleAreDelivered() {
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_OUT, "GUEST_TEXT")))
                .contains("guest.opted_out");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_OUT, "CONSOLE")))
                .contains("guest.opted_out");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_IN, "GUEST_TEXT")))
                .contains("guest.opted_in");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_OUT, null)))
                .contains("guest.opted_out");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.MISSED_CALL, "INBOUND_CALL")))
                .contains("guest.missed_call");
    }

    @Test
    void aGuestsWishForAnotherTimeOrANewTableIsAReservationRequest() {
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.CHANGE_REQUESTED, "ASSISTANT")))
                .contains("reservation.change_requested");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.CHANGE_REQUESTED, "GUEST_TEXT")))
                .contains("reservation.change_requested");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.BOOKING_REQUESTED, "ASSISTANT")))
                .contains("reservation.requested");
    }

    @Test
    void whatThePlatformImportedItselfAndTheMessagesAreNot() {
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_OUT, "PLATFORM")))
                .isEmpty();
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_IN, "PLATFORM")))
                .isEmpty();
        for (ConversationEventType type : new ConversationEventType[] {
            ConversationEventType.MESSAGE_RECEIVED,
            ConversationEventType.MESSAGE_SENT,
            ConversationEventType.MESSAGE_STATUS,
            ConversationEventType.TAKEN_OVER
        }) {
            assertThat(GuestFactWebhooks.typeOf(fact(type, null)))
                    .as(type.name())
                    .isEmpty();
        }
    }

    @Test
    void theBodyNamesTheGuestAndTheBooking() {
        ConversationEvent optedOut = fact(ConversationEventType.OPTED_OUT, "GUEST_TEXT");

        JsonNode body = JsonMapper.builder()
                .build()
                .readTree(GuestFactWebhookBody.of("guest.opted_out", optedOut).json());

        assertThat(body.get("type").asString()).isEqualTo("guest.opted_out");
        assertThat(body.get("timestamp").asString())
                .isEqualTo(optedOut.getOccurredAt().toString());
        JsonNode data = body.get("data");
        assertThat(data.get("eventId").asString()).isEqualTo(optedOut.getEventId());
        assertThat(data.get("tenantId").asString()).isEqualTo("luigis");
        assertThat(data.get("phone").asString()).isEqualTo("+34600111222");
        assertThat(data.get("source").asString()).isEqualTo("GUEST_TEXT");
        assertThat(data.get("reason").asString()).isEqualTo("STOP");
        assertThat(data.get("reservationId").asString()).isEqualTo("r-7");
        assertThat(data.has("request"))
                .as("only a change or booking request carries one")
                .isFalse();
    }

    @Test
    void aChangeRequestCarriesWhatTheGuestWantsAndTheirWords() {
        ConversationEvent changed = NotifierTestSupport.withRequest(
                fact(ConversationEventType.CHANGE_REQUESTED, "ASSISTANT"),
                new GuestRequest("2026-12-01", "20:30", 4, "can we make it 8:30?", "ASSISTANT"));

        JsonNode data = JsonMapper.builder()
                .build()
                .readTree(GuestFactWebhookBody.of("reservation.change_requested", changed)
                        .json())
                .get("data");

        assertThat(data.get("reservationId").asString()).isEqualTo("r-7");
        JsonNode request = data.get("request");
        assertThat(request.get("wantedDate").asString()).isEqualTo("2026-12-01");
        assertThat(request.get("wantedTime").asString()).isEqualTo("20:30");
        assertThat(request.get("partySize").asInt()).isEqualTo(4);
        assertThat(request.get("words").asString()).isEqualTo("can we make it 8:30?");
        assertThat(request.get("readBy").asString()).isEqualTo("ASSISTANT");
    }

    @Test
    void whatTheGuestDidNotSayIsNull() {
        ConversationEvent asked = NotifierTestSupport.withRequest(
                fact(ConversationEventType.BOOKING_REQUESTED, "GUEST_TEXT"),
                new GuestRequest(null, "21:00", null, "table at 9?", null));

        JsonNode request = JsonMapper.builder()
                .build()
                .readTree(
                        GuestFactWebhookBody.of("reservation.requested", asked).json())
                .get("data")
                .get("request");

        assertThat(request.get("wantedDate").isNull()).isTrue();
        assertThat(request.get("partySize").isNull()).isTrue();
        assertThat(request.get("readBy").isNull()).isTrue();
        assertThat(request.get("wantedTime").asString()).isEqualTo("21:00");
    }
}
