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
package io.confirmline.sandbox.platform;

import io.confirmline.events.BookingKind;
import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Publishes a booking to {@code platform.reservations.v1}, as the platform does, for the demo: {@code POST
 * /reservations} with the event's fields as JSON ({@code type} CREATED, UPDATED or CANCELLED, default CREATED;
 * {@code textOnly} true for a guest who asked to be texted, not called).
 */
@RestController
class ReservationPublisher {

    /** The JSON accepted; absent ids and versions are made up. */
    record Reservation(
            String tenantId,
            String reservationId,
            Long version,
            String type,
            String kind,
            OffsetDateTime startsAt,
            String timeZone,
            String guestName,
            String guestPhone,
            String guestLocale,
            String venueName,
            Integer partySize,
            String serviceName,
            Boolean textOnly) {}

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final PublishedReservations published;
    private final Clock clock;

    ReservationPublisher(KafkaTemplate<String, SpecificRecord> kafka, PublishedReservations published, Clock clock) {
        this.kafka = kafka;
        this.published = published;
        this.clock = clock;
    }

    @PostMapping(
            path = "/reservations",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> publish(@RequestBody Reservation r) {
        Instant now = clock.instant();
        String id = r.reservationId() != null ? r.reservationId() : "r-" + UUID.randomUUID();
        ReservationEvent event = ReservationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setTenantId(r.tenantId() != null ? r.tenantId() : "demo")
                .setReservationId(id)
                .setVersion(r.version() != null ? r.version() : now.toEpochMilli())
                .setType(ReservationEventType.valueOf(r.type() != null ? r.type() : "CREATED"))
                .setKind(BookingKind.valueOf(r.kind() != null ? r.kind() : "RESERVATION"))
                .setStartsAt(r.startsAt().toInstant())
                .setTimeZone(r.timeZone() != null ? r.timeZone() : "Europe/Madrid")
                .setGuestName(r.guestName())
                .setGuestPhone(r.guestPhone())
                .setGuestLocale(r.guestLocale() != null ? r.guestLocale() : "en")
                .setVenueName(r.venueName() != null ? r.venueName() : "Luigi's")
                .setPartySize(r.partySize())
                .setServiceName(r.serviceName())
                .setTextOnly(Boolean.TRUE.equals(r.textOnly()))
                .build();
        return Mono.fromFuture(kafka.send(Topics.RESERVATIONS.name(), id, event))
                .map(sent -> {
                    published.remember(event);
                    Map<String, Object> answer = new java.util.LinkedHashMap<>();
                    answer.put("reservationId", id);
                    answer.put("eventId", event.getEventId());
                    answer.put("offset", sent.getRecordMetadata().offset());
                    // The trace the booking travels in, for following it through ConfirmLine to the status webhooks.
                    answer.put(
                            "traceparent",
                            io.confirmline.kafka.TraceParents.from(
                                    sent.getProducerRecord().headers()));
                    return answer;
                });
    }
}
