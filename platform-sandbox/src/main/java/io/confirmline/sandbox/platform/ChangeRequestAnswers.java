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

import io.confirmline.events.ReservationEvent;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * For the demo: answers a {@code reservation.change_requested} as an accommodating platform would, by moving the
 * booking to the wanted date, time and party size — an UPDATED event on {@code platform.reservations.v1}, which
 * moves the confirmation call as usual. Off unless {@code platform-sandbox.accept-change-requests} or {@code PUT
 * /sandbox/change-requests {"accept": true}}; only bookings this sandbox published ({@code POST /reservations}) can
 * be moved, since the event carries the whole booking.
 */
@RestController
class ChangeRequestAnswers {

    private static final Logger log = LoggerFactory.getLogger(ChangeRequestAnswers.class);

    /** Whether change requests are accepted, e.g. {@code {"accept": true}}. */
    record Setting(boolean accept) {}

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final PublishedReservations published;
    private final Clock clock;
    private final AtomicBoolean accept;

    ChangeRequestAnswers(
            KafkaTemplate<String, SpecificRecord> kafka,
            PublishedReservations published,
            Clock clock,
            PlatformSandboxProperties properties) {
        this.kafka = kafka;
        this.published = published;
        this.clock = clock;
        this.accept = new AtomicBoolean(properties.acceptChangeRequests());
    }

    @PutMapping(
            path = "/sandbox/change-requests",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Setting set(@RequestBody Setting setting) {
        accept.set(setting.accept());
        return setting;
    }

    @GetMapping(path = "/sandbox/change-requests", produces = MediaType.APPLICATION_JSON_VALUE)
    Setting get() {
        return new Setting(accept.get());
    }

    /** Called with every verified webhook; completes once the move, if any, is on the topic. */
    Mono<Void> onWebhook(JsonNode webhook) {
        if (!accept.get()
                || !"reservation.change_requested".equals(webhook.path("type").asString(""))) {
            return Mono.empty();
        }
        JsonNode data = webhook.path("data");
        Optional<ReservationEvent> current = published.latest(
                data.path("tenantId").asString(""), data.path("reservationId").asString(""));
        if (current.isEmpty()) {
            log.info(
                    "Change request for {}: not a booking this sandbox published, left unanswered",
                    data.path("reservationId").asString(""));
            return Mono.empty();
        }
        ReservationEvent moved = moved(current.get(), data.path("request"), clock.instant());
        return Mono.fromFuture(kafka.send(Topics.RESERVATIONS.name(), moved.getReservationId(), moved))
                .doOnNext(sent -> {
                    published.remember(moved);
                    log.info(
                            "Change request for {} accepted: moved to {}",
                            moved.getReservationId(),
                            moved.getStartsAt());
                })
                .then()
                // The webhook was received all the same: a platform's own trouble is not ConfirmLine's to retry.
                .onErrorResume(error -> {
                    log.warn("Change request for {} not answered: {}", moved.getReservationId(), error.toString());
                    return Mono.empty();
                });
    }

    /** The booking at the wanted date, time and party size; what the guest did not name stays as it was. */
    static ReservationEvent moved(ReservationEvent current, JsonNode request, Instant now) {
        ZoneId zone = ZoneId.of(current.getTimeZone());
        ZonedDateTime was = current.getStartsAt().atZone(zone);
        LocalDate date = text(request, "wantedDate").map(LocalDate::parse).orElse(was.toLocalDate());
        LocalTime time = text(request, "wantedTime").map(LocalTime::parse).orElse(was.toLocalTime());
        JsonNode party = request.get("partySize");
        return ReservationEvent.newBuilder(current)
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setType(ReservationEventType.UPDATED)
                .setVersion(Math.max(current.getVersion() + 1, now.toEpochMilli()))
                .setStartsAt(date.atTime(time).atZone(zone).toInstant())
                .setPartySize(party != null && party.isInt() ? Integer.valueOf(party.asInt()) : current.getPartySize())
                .build();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }
}
