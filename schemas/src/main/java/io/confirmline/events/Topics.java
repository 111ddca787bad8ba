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
package io.confirmline.events;

import java.util.List;
import java.util.Optional;

/**
 * Every topic of the contract (design.md §3). Keys are strings: the key named in the design, so the events of one
 * booking, message or call session stay in order on one partition.
 *
 * <p>The public topics — the platform's two and the status stream — are the one list of what other teams write or
 * read; the compatibility gate checks their schemas both ways.
 */
public final class Topics {

    /** The platform's bookings, keyed by reservationId. */
    public static final Topic<ReservationEvent> RESERVATIONS =
            new Topic<>("platform.reservations.v1", String.class, ReservationEvent.class, false, 6, true);

    /** The platform's immediate one-way calls, keyed by messageId. */
    public static final Topic<VoiceMessageRequested> VOICE_MESSAGES =
            new Topic<>("platform.voice-messages.v1", String.class, VoiceMessageRequested.class, false, 6, true);

    /** 8x8 VCA webhooks (key presses), keyed by 8x8 sessionId. */
    public static final Topic<CallActionReceived> CALL_ACTIONS =
            new Topic<>("voice.call-actions.v1", String.class, CallActionReceived.class, false, 6, false);

    /** 8x8 VSS webhooks (end of a call session), keyed by 8x8 sessionId. */
    public static final Topic<SessionSummaryReceived> SESSION_SUMMARIES =
            new Topic<>("voice.session-summaries.v1", String.class, SessionSummaryReceived.class, false, 6, false);

    /** Open call sessions with their pre-rendered in-call replies, keyed by 8x8 sessionId; compacted. */
    public static final Topic<CallSessionOpened> SESSIONS =
            new Topic<>("voice.sessions.v1", String.class, CallSessionOpened.class, true, 6, false);

    /** The public status stream, keyed by reservationId or messageId. */
    public static final Topic<CallStatusChanged> CALL_STATUS =
            new Topic<>("calls.status.v1", String.class, CallStatusChanged.class, false, 6, true);

    /** A guest's data was erased (which bookings and messages were theirs, no number), keyed by tenantId; internal. */
    public static final Topic<GuestDataErased> GUEST_ERASURES =
            new Topic<>("guests.erasures.v1", String.class, GuestDataErased.class, false, 3, false);

    /**
     * Every tenant's settings, keyed by tenantId; compacted, a tombstone when a tenant is deleted. The owner console
     * publishes it, every service follows it (design.md §10.2). One partition: a handful of records per tenant.
     */
    public static final Topic<TenantConfigured> TENANTS =
            new Topic<>("tenants.v1", String.class, TenantConfigured.class, true, 1, false);

    /** Texts guests sent to a tenant's virtual number (8x8 MO), keyed by {@code <tenantId>:<E.164 phone>}; internal. */
    public static final Topic<SmsReceived> SMS_INBOUND =
            new Topic<>("sms.inbound.v1", String.class, SmsReceived.class, false, 6, false);

    /** 8x8's delivery receipts of our texts (DR), keyed by umid; internal. */
    public static final Topic<SmsStatusReceived> SMS_RECEIPTS =
            new Topic<>("sms.receipts.v1", String.class, SmsStatusReceived.class, false, 6, false);

    /**
     * The guest-level stream: messages in and out, take-over and guest facts (opted out, opted in...), keyed by
     * {@code <tenantId>:<E.164 phone>}. Public: the console, the notifier and downstream teams read it.
     */
    public static final Topic<ConversationEvent> CONVERSATIONS =
            new Topic<>("conversations.v1", String.class, ConversationEvent.class, false, 6, true);

    /**
     * Every booking's structured fields and current status, keyed by reservationId; compacted, a tombstone once the
     * booking is over. The ingress answers call-backs from it, the console builds its board from it.
     */
    public static final Topic<BookingSnapshot> BOOKINGS =
            new Topic<>("bookings.v1", String.class, BookingSnapshot.class, true, 6, false);

    /** Calls guests made to a tenant's virtual number, as the ingress answered them, keyed by sessionId; internal. */
    public static final Topic<InboundCallEvent> INBOUND_CALLS =
            new Topic<>("voice.inbound-calls.v1", String.class, InboundCallEvent.class, false, 6, false);

    private static final List<Topic<?>> ALL = List.of(
            RESERVATIONS,
            VOICE_MESSAGES,
            CALL_ACTIONS,
            SESSION_SUMMARIES,
            SESSIONS,
            CALL_STATUS,
            GUEST_ERASURES,
            TENANTS,
            SMS_INBOUND,
            SMS_RECEIPTS,
            CONVERSATIONS,
            BOOKINGS,
            INBOUND_CALLS);

    /** The key of a guest's conversation with a tenant on sms.inbound.v1 and conversations.v1. */
    public static String conversationKey(String tenantId, String phone) {
        return tenantId + ":" + phone;
    }

    private Topics() {}

    /** Every topic of the contract, in the order of design.md §3. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The topics other teams produce or consume: the platform's and the public status stream. */
    public static List<Topic<?>> publicTopics() {
        return ALL.stream().filter(Topic::publicContract).toList();
    }

    /** The topic with this name, if it is part of the contract. */
    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }
}
