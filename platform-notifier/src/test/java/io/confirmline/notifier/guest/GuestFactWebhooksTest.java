package io.confirmline.notifier.guest;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
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
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_OUT, "GUEST_TEXT"))).contains("guest.opted_out");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_OUT, "CONSOLE"))).contains("guest.opted_out");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_IN, "GUEST_TEXT"))).contains("guest.opted_in");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_OUT, null))).contains("guest.opted_out");
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.MISSED_CALL, "INBOUND_CALL")))
                .contains("guest.missed_call");
    }

    @Test
    void whatThePlatformImportedItselfAndTheMessagesAreNot() {
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_OUT, "PLATFORM"))).isEmpty();
        assertThat(GuestFactWebhooks.typeOf(fact(ConversationEventType.OPTED_IN, "PLATFORM"))).isEmpty();
        for (ConversationEventType type : new ConversationEventType[] {ConversationEventType.MESSAGE_RECEIVED,
                ConversationEventType.MESSAGE_SENT, ConversationEventType.MESSAGE_STATUS, ConversationEventType.TAKEN_OVER}) {
            assertThat(GuestFactWebhooks.typeOf(fact(type, null))).as(type.name()).isEmpty();
        }
    }

    @Test
    void theBodyNamesTheGuestAndTheBooking() {
        ConversationEvent optedOut = fact(ConversationEventType.OPTED_OUT, "GUEST_TEXT");

        JsonNode body = JsonMapper.builder().build().readTree(GuestFactWebhookBody.of("guest.opted_out", optedOut).json());

        assertThat(body.get("type").asString()).isEqualTo("guest.opted_out");
        assertThat(body.get("timestamp").asString()).isEqualTo(optedOut.getOccurredAt().toString());
        JsonNode data = body.get("data");
        assertThat(data.get("eventId").asString()).isEqualTo(optedOut.getEventId());
        assertThat(data.get("tenantId").asString()).isEqualTo("luigis");
        assertThat(data.get("phone").asString()).isEqualTo("+34600111222");
        assertThat(data.get("source").asString()).isEqualTo("GUEST_TEXT");
        assertThat(data.get("reason").asString()).isEqualTo("STOP");
        assertThat(data.get("reservationId").asString()).isEqualTo("r-7");
    }
}
