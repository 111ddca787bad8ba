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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void theRegistryHoldsEveryTopicOfTheDesignWithItsValueType() {
        assertThat(Topics.all())
                .extracting(Topic::name)
                .containsExactly(
                        "platform.reservations.v1",
                        "platform.voice-messages.v1",
                        "voice.call-actions.v1",
                        "voice.session-summaries.v1",
                        "voice.sessions.v1",
                        "calls.status.v1",
                        "guests.erasures.v1",
                        "tenants.v1",
                        "sms.inbound.v1",
                        "sms.receipts.v1",
                        "conversations.v1",
                        "bookings.v1",
                        "voice.inbound-calls.v1");
        assertThat(Topics.all().stream().<Class<?>>map(Topic::valueType).toList())
                .containsExactly(
                        ReservationEvent.class,
                        VoiceMessageRequested.class,
                        CallActionReceived.class,
                        SessionSummaryReceived.class,
                        CallSessionOpened.class,
                        CallStatusChanged.class,
                        GuestDataErased.class,
                        TenantConfigured.class,
                        SmsReceived.class,
                        SmsStatusReceived.class,
                        ConversationEvent.class,
                        BookingSnapshot.class,
                        InboundCallEvent.class);
        assertThat(Topics.all()).allSatisfy(topic -> assertThat(topic.keyType()).isEqualTo(String.class));
    }

    @Test
    void onlyTheSessionViewAndTheTenantsAreCompacted() {
        assertThat(Topics.all())
                .filteredOn(Topic::compacted)
                .containsExactly(Topics.SESSIONS, Topics.TENANTS, Topics.BOOKINGS);
    }

    @Test
    void thePublicTopicsAreThePlatformsAndTheStatusStream() {
        assertThat(Topics.publicTopics())
                .containsExactly(Topics.RESERVATIONS, Topics.VOICE_MESSAGES, Topics.CALL_STATUS, Topics.CONVERSATIONS);
    }

    @Test
    void deadLettersGoToTheTopicNameWithDltSuffix() {
        assertThat(Topics.CALL_ACTIONS.deadLetterTopic()).isEqualTo("voice.call-actions.v1.DLT");
        assertThat(Topics.byName("calls.status.v1")).contains(Topics.CALL_STATUS);
        assertThat(Topics.byName("nope")).isEmpty();
    }

    @Test
    void everyFieldOfEveryEventIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (Topic<?> topic : Topics.all()) {
            collectUndocumented(schemaOf(topic.valueType()), new HashSet<>(), undocumented);
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void generatedClassesTrustThemselvesForAvrosSpecificReader() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ReservationEvent event = ReservationEvent.newBuilder()
                .setEventId("e-1")
                .setOccurredAt(now)
                .setTenantId("luigis")
                .setReservationId("r-1")
                .setVersion(3)
                .setType(ReservationEventType.UPDATED)
                .setKind(BookingKind.RESERVATION)
                .setStartsAt(now)
                .setTimeZone("Europe/Madrid")
                .setGuestName("Ana")
                .setGuestPhone("+34600111222")
                .setGuestLocale("es-ES")
                .setVenueName("Luigi's")
                .setPartySize(4)
                .build();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(ReservationEvent.class).write(event, encoder);
        encoder.flush();
        ReservationEvent read = new SpecificDatumReader<>(ReservationEvent.class)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        assertThat(read).isEqualTo(event);
    }

    private static Schema schemaOf(Class<?> type) {
        try {
            return ((SpecificRecordBase) type.getDeclaredConstructor().newInstance()).getSchema();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (schema.getDoc() == null || schema.getDoc().isBlank()) {
                    undocumented.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (field.doc() == null || field.doc().isBlank()) {
                        undocumented.add(schema.getFullName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), seen, undocumented);
                }
            }
            case UNION -> schema.getTypes().forEach(s -> collectUndocumented(s, seen, undocumented));
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, undocumented);
            case MAP -> collectUndocumented(schema.getValueType(), seen, undocumented);
            default -> {}
        }
    }
}
