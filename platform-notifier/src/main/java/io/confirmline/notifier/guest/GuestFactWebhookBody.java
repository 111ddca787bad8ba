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

import io.confirmline.events.ConversationEvent;
import io.confirmline.events.GuestRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body the platform receives for a guest fact: {@code {type, timestamp, data: {eventId, tenantId, phone,
 * source, reason, reservationId}}}, the shape of the status webhooks, plus {@code data.request} {wantedDate,
 * wantedTime, partySize, words, readBy} for a change or booking request. The phone is there because the platform
 * acts on it (it is the platform's own guest); it goes only to the tenant's callback URL and is never logged.
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
        // Only when there is one, so the bodies of the other facts stay exactly what platforms already parse.
        GuestRequest request = event.getRequest();
        if (request != null) {
            ObjectNode wanted = data.putObject("request");
            wanted.put("wantedDate", request.getWantedDate());
            wanted.put("wantedTime", request.getWantedTime());
            wanted.put("partySize", request.getPartySize());
            wanted.put("words", request.getWords());
            wanted.put("readBy", request.getReadBy());
        }
        return new GuestFactWebhookBody(type, JSON.writeValueAsString(body));
    }
}
