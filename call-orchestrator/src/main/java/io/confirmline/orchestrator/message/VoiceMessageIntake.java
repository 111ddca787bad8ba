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
package io.confirmline.orchestrator.message;

import io.confirmline.callflow.Callflows;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.events.VoiceMessagePurpose;
import io.confirmline.events.VoiceMessageRequested;
import io.confirmline.orchestrator.call.SubjectIdTaken;
import io.confirmline.orchestrator.idempotency.ProcessedEvents;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.confirmline.orchestrator.reservation.ReservationValidator;
import io.confirmline.orchestrator.tenant.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Consumes voice message requests: validates them (invalid → dead-letter topic naming each field), stores the
 * message and a call due now (no calling hours: an OTP is wanted now), idempotent on eventId and messageId.
 */
@Component
public class VoiceMessageIntake {

    /** How long a message without its own validUntil is still worth calling. */
    static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(10);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Outbox outbox;
    private final Tenants tenants;
    private final Clock clock;
    private final io.micrometer.tracing.Tracer tracer;
    private final ProcessedEvents processed;

    public VoiceMessageIntake(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Outbox outbox,
            Tenants tenants,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
            ProcessedEvents processed) {
        this.tracer = tracer.getIfAvailable();
        this.processed = processed;
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.outbox = outbox;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The problems with a request, empty when it can be called. */
    public static List<String> problems(VoiceMessageRequested m, Set<String> tenants, Instant now) {
        List<String> problems = new ArrayList<>();
        if (!tenants.contains(m.getTenantId())) {
            problems.add("tenantId: unknown tenant " + m.getTenantId());
        }
        ReservationValidator.phone(m.getPhone(), "phone", problems);
        if (m.getText() == null || m.getText().isBlank()) {
            problems.add("text: is required");
        } else if (m.getText().length() > Callflows.MAX_TEXT) {
            problems.add("text: longer than 8x8's " + Callflows.MAX_TEXT + " characters");
        }
        if (m.getRepetitions() < 1 || m.getRepetitions() > 10) {
            problems.add("repetitions: must be between 1 and 10");
        }
        if (m.getValidUntil() != null && !m.getValidUntil().isAfter(now)) {
            problems.add("validUntil: already passed (" + m.getValidUntil() + ")");
        }
        if (Locale.forLanguageTag(m.getLocale()).getLanguage().isEmpty()) {
            problems.add("locale: not a BCP 47 language tag: " + m.getLocale());
        }
        // How Avro reads a purpose added to the schema after this build (design.md §10.2): dead-lettered, not guessed.
        if (m.getPurpose() == VoiceMessagePurpose.UNKNOWN) {
            problems.add("purpose: a value this version of ConfirmLine does not know (read as UNKNOWN)");
        }
        return problems;
    }

    @KafkaListener(topics = "#{T(io.confirmline.events.Topics).VOICE_MESSAGES.name()}")
    public void onVoiceMessage(ConsumerRecord<String, VoiceMessageRequested> record) {
        VoiceMessageRequested message = record.value();
        Instant now = clock.instant();
        List<String> problems = problems(message, tenants.ids(), now);
        if (!problems.isEmpty()) {
            // A repeat of a message already stored (its validUntil passed in between) is dropped, not dead-lettered.
            processed.rejectUnlessApplied(message.getEventId(), problems).block(Duration.ofSeconds(30));
            return;
        }
        store(message, now, null)
                .contextWrite(io.confirmline.orchestrator.outbox.TraceParent.capture(tracer))
                .block(Duration.ofSeconds(30));
    }

    /**
     * Stores the message and its call, due now. Returns the new call's id; empty when the event or the message id
     * was seen before.
     *
     * @param leaseUntil when not null, the call is created already claimed until then, so the caller can dial it
     *     at once ({@link io.confirmline.orchestrator.dialing.Dialer#dialNow}) while the poller leaves it alone;
     *     should the caller die, the lease runs out and the poller dials it
     */
    public Mono<UUID> store(VoiceMessageRequested m, Instant now, Instant leaseUntil) {
        Instant validUntil = m.getValidUntil() != null ? m.getValidUntil() : now.plus(DEFAULT_VALIDITY);
        UUID callId = UUID.randomUUID();
        return processed
                .claim(m.getEventId(), Topics.VOICE_MESSAGES)
                .flatMap(first -> !first
                        ? Mono.<Long>just(0L)
                        : db.sql("""
                                INSERT INTO voice_message (tenant_id, message_id, phone, locale, text, repetitions, purpose,
                                                           valid_until)
                                VALUES (:tenant, :id, :phone, :locale, :text, :repetitions, :purpose, :validUntil)
                                ON CONFLICT DO NOTHING""")
                                .bind("tenant", m.getTenantId())
                                .bind("id", m.getMessageId())
                                .bind("phone", m.getPhone())
                                .bind("locale", m.getLocale())
                                .bind("text", m.getText())
                                .bind("repetitions", m.getRepetitions())
                                .bind("purpose", m.getPurpose().name())
                                .bind("validUntil", validUntil.atOffset(ZoneOffset.UTC))
                                .fetch()
                                .rowsUpdated())
                .flatMap(inserted -> inserted == 0
                        ? Mono.<UUID>empty()
                        : TraceParent.withCurrent(trace -> {
                                    DatabaseClient.GenericExecuteSpec spec = leased(
                                            db.sql("""
                                            INSERT INTO call (id, tenant_id, subject_type, subject_id, status, due_at,
                                                              valid_until, lease_until, trace_parent)
                                            VALUES (:id, :tenant, 'VOICE_MESSAGE', :subject, 'SCHEDULED', :due, :validUntil,
                                                    :lease, :trace)
                                            ON CONFLICT (tenant_id, subject_id) DO NOTHING""")
                                                    .bind("id", callId)
                                                    .bind("tenant", m.getTenantId())
                                                    .bind("subject", m.getMessageId())
                                                    .bind("due", now.atOffset(ZoneOffset.UTC))
                                                    .bind("validUntil", validUntil.atOffset(ZoneOffset.UTC)),
                                            leaseUntil);
                                    return (trace == null
                                                    ? spec.bindNull("trace", String.class)
                                                    : spec.bind("trace", trace))
                                            .fetch()
                                            .rowsUpdated()
                                            // The id is a booking's: the whole request is refused (and rolled back).
                                            .flatMap(calls -> calls == 0
                                                    ? Mono.<Void>error(
                                                            new SubjectIdTaken(m.getMessageId(), "reservation"))
                                                    : Mono.<Void>empty());
                                })
                                .then(outbox.add(
                                        Topics.CALL_STATUS.name(),
                                        m.getMessageId(),
                                        CallStatusChanged.newBuilder()
                                                .setEventId(UUID.randomUUID().toString())
                                                .setOccurredAt(now)
                                                .setTenantId(m.getTenantId())
                                                .setSubjectType(SubjectType.VOICE_MESSAGE)
                                                .setSubjectId(m.getMessageId())
                                                .setCallId(callId.toString())
                                                .setAttempt(1)
                                                .setStatus(CallStatus.SCHEDULED)
                                                .setScheduledFor(now)
                                                .build()))
                                .thenReturn(callId))
                .as(transaction::transactional);
    }

    private static DatabaseClient.GenericExecuteSpec leased(
            DatabaseClient.GenericExecuteSpec spec, Instant leaseUntil) {
        return leaseUntil == null
                ? spec.bindNull("lease", java.time.OffsetDateTime.class)
                : spec.bind("lease", leaseUntil.atOffset(ZoneOffset.UTC));
    }
}
