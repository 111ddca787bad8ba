package io.confirmline.notifier.guest;

import io.confirmline.events.ConversationEvent;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body the platform receives for a guest fact: {@code {type, timestamp, data: {eventId, tenantId, phone,
 * source, reason, reservationId}}}, the shape of the status webhooks. The phone is there because the platform acts
 * on it (it is the platform's own guest); it goes only to the tenant's callback URL and is never logged.
 */
record GuestFactWebhookBody(String type, String json) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static GuestFactWebhookBody of(String type, ConversationEvent event) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        body.put("timestamp", event.getOccurredAt().toString());
        ObjectNode data = body.putObject("data");
        data.put("eventId", event.getEventId());
        data.put("tenantId", event.getTenantId());
        data.put("phone", event.getPhone());
        data.put("source", event.getSource());
        data.put("reason", event.getReason());
        data.put("reservationId", event.getReservationId());
        return new GuestFactWebhookBody(type, JSON.writeValueAsString(body));
    }
}
