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
package io.confirmline.ingress.publish;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.InboundCallEvent;
import io.confirmline.events.SmsReceived;
import io.confirmline.events.SmsStatusReceived;
import io.confirmline.events.Topic;
import io.confirmline.events.Topics;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event type the {@link EventSpool} carries: where it is published, under which key, and the meters that count
 * it. The {@code code} is written into every journal record ({@link SpoolRecords}), so a code is never changed or
 * reused: a journal written by one version is read by the next.
 *
 * @param code the journal's tag for this type
 * @param name how logs name one event of this type
 * @param topic where it is published
 * @param key its record key on that topic
 * @param meterPrefix the prefix of its meters ({@code <prefix>.published}, {@code .publish.failures},
 *     {@code .dropped}, {@code .buffered})
 * @param description what the meters count, in words
 */
public record SpooledKind<T extends SpecificRecord>(
        byte code, String name, Topic<T> topic, Function<T, String> key, String meterPrefix, String description) {

    /** A guest's key press (VCA), keyed by session. */
    public static final SpooledKind<CallActionReceived> CALL_ACTION = new SpooledKind<>(
            (byte) 1,
            "call action",
            Topics.CALL_ACTIONS,
            CallActionReceived::getSessionId,
            "confirmline.ingress.call.actions",
            "VCA events");

    /** A guest's text (SMS MO), keyed by the guest's conversation with the tenant so one guest's texts stay in order. */
    public static final SpooledKind<SmsReceived> SMS_RECEIVED = new SpooledKind<>(
            (byte) 2,
            "inbound text",
            Topics.SMS_INBOUND,
            text -> Topics.conversationKey(text.getTenantId(), text.getFrom()),
            "confirmline.ingress.sms.inbound",
            "Inbound texts (SMS MO)");

    /** A delivery receipt of one of our texts (SMS DR), keyed by 8x8's umid. */
    public static final SpooledKind<SmsStatusReceived> SMS_STATUS = new SpooledKind<>(
            (byte) 3,
            "delivery receipt",
            Topics.SMS_RECEIPTS,
            SmsStatusReceived::getUmid,
            "confirmline.ingress.sms.receipts",
            "Delivery receipts (SMS DR)");

    /** What happened on a call a guest made to a tenant's number (issue #15), keyed by session. */
    public static final SpooledKind<InboundCallEvent> INBOUND_CALL = new SpooledKind<>(
            (byte) 4,
            "inbound call event",
            Topics.INBOUND_CALLS,
            InboundCallEvent::getSessionId,
            "confirmline.ingress.inbound.calls",
            "Inbound call events");

    static final List<SpooledKind<?>> ALL = List.of(CALL_ACTION, SMS_RECEIVED, SMS_STATUS, INBOUND_CALL);

    /** The kind a journal record names; null for a code this version does not know. */
    static SpooledKind<?> byCode(byte code) {
        return ALL.stream().filter(kind -> kind.code() == code).findFirst().orElse(null);
    }

    /** The record key of {@code event}, which must be of this kind. */
    String keyOf(SpecificRecord event) {
        return key.apply(topic.valueType().cast(event));
    }
}
