package io.confirmline.orchestrator.dialing;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.callflow.CaptureSettings;
import io.confirmline.orchestrator.callflow.Callflows;
import io.confirmline.orchestrator.callflow.SessionReplies;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.orchestrator.prompt.PromptCatalog;
import io.confirmline.orchestrator.tenant.OrchestratorTenantProperties;
import io.confirmline.orchestrator.tenant.OrchestratorTenantProperties.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Places due confirmation calls. A due call is claimed with a lease ({@code FOR UPDATE SKIP LOCKED}, so any number
 * of instances share the work); then, under the row lock, the booking is re-read — cancelled, moved or too late
 * means no call — and the call is marked DIALING before 8x8 is asked, so a crash after that point can never dial it
 * twice. When 8x8 returns a session, the session id, the session's in-call replies (for the ingress) and the
 * DIALING status change are committed together through the outbox.
 */
@Component
public class Dialer {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);
    private static final int CONCURRENCY = 8;

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final CallflowsClient client;
    private final DialingProperties properties;
    private final Map<String, Tenant> tenants;
    private final PromptCatalog prompts = new PromptCatalog(Map.of());
    private final Outbox outbox;
    private final Clock clock;
    private final Map<String, CallRate> rates = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.Semaphore> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

    public Dialer(DatabaseClient db, ReactiveTransactionManager transactions, DialingProperties properties,
            OrchestratorTenantProperties tenantProperties, Outbox outbox, Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.properties = properties;
        this.client = new CallflowsClient(WebClient.builder(), new CallflowsClient.Settings(properties.baseUrl(),
                properties.timeout(), properties.retries(), Duration.ofMillis(200)));
        this.tenants = tenantProperties.tenants().stream().collect(Collectors.toMap(Tenant::id, Function.identity()));
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A claimed call with what the prompt needs from its booking. */
    record Claimed(UUID id, String tenantId, String subjectId, String subjectType, Long bookingVersion, int attempt,
            Instant validUntil, Instant leaseUntil) {
    }

    record Booking(long version, boolean cancelled, String kind, Instant startsAt, String zone, String guestName,
            String guestPhone, String locale, String venue, Integer partySize, String service) {
    }

    /** Claims and dials one batch; returns how many calls were claimed. */
    public int dialOnce() {
        List<Claimed> claimed = db.sql("""
                        UPDATE call SET lease_until = now() + make_interval(secs => :lease)
                        WHERE id IN (SELECT id FROM call
                                     WHERE status = 'SCHEDULED' AND due_at <= now()
                                       AND (lease_until IS NULL OR lease_until < now())
                                     ORDER BY due_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                        RETURNING id, tenant_id, subject_id, subject_type, booking_version, attempt, valid_until,
                                  lease_until""")
                .bind("lease", properties.lease().toMillis() / 1000.0).bind("batch", properties.batchSize())
                .map(row -> new Claimed(row.get("id", UUID.class), row.get("tenant_id", String.class),
                        row.get("subject_id", String.class), row.get("subject_type", String.class),
                        row.get("booking_version", Long.class), row.get("attempt", Integer.class),
                        instant(row.get("valid_until", OffsetDateTime.class)),
                        instant(row.get("lease_until", OffsetDateTime.class))))
                .all().collectList().block(Duration.ofSeconds(30));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        Flux.fromIterable(claimed).flatMap(call -> dial(call).onErrorResume(error -> {
            log.error("Dialing call {} failed: {}", call.id(), error.toString());
            return Mono.empty();
        }), CONCURRENCY).then().block(properties.timeout().multipliedBy(properties.retries() + 2L).plusSeconds(30));
        return claimed.size();
    }

    /** What to send 8x8 for a call, and the in-call replies to publish once 8x8 has accepted it. */
    record DialPlan(String attemptId, String body, Function<SessionReplies.Session, CallSessionOpened> replies) {
    }

    private Mono<Void> dial(Claimed call) {
        Tenant tenant = tenants.get(call.tenantId());
        Instant now = clock.instant();
        String attemptId = call.id().toString().substring(0, 8) + "-" + call.attempt() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Mono<DialPlan> plan = "VOICE_MESSAGE".equals(call.subjectType())
                ? prepareMessage(call, attemptId, now).map(message -> messagePlan(call, tenant, attemptId, message))
                : prepare(call, attemptId, now).map(booking -> bookingPlan(call, tenant, attemptId, booking, now));
        return plan.flatMap(p -> throttled(tenant, client.placeCall(tenant.subaccountId(), tenant.apiKey(), p.body()))
                .flatMap(result -> record(call, p, now, result)));
    }

    /** The tenant's rate and concurrency limits around one Send Callflow request. */
    private Mono<PlaceCallResult> throttled(Tenant tenant, Mono<PlaceCallResult> request) {
        CallRate rate = rates.computeIfAbsent(tenant.id(), id -> new CallRate(tenant.callsPerSecond(), System::nanoTime));
        java.util.concurrent.Semaphore slots = inFlight.computeIfAbsent(tenant.id(), id ->
                new java.util.concurrent.Semaphore(tenant.maxConcurrentCalls() > 0 ? tenant.maxConcurrentCalls() : Integer.MAX_VALUE));
        return Mono.fromCallable(() -> {
                    slots.acquire();
                    return rate.reserve();
                })
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .flatMap(wait -> Mono.delay(wait).then(request).doFinally(signal -> slots.release()));
    }

    private DialPlan bookingPlan(Claimed call, Tenant tenant, String attemptId, Booking booking, Instant now) {
        PromptCatalog.Booking words = new PromptCatalog.Booking(booking.guestName(), booking.venue(),
                booking.partySize(), booking.service(), booking.startsAt(), ZoneId.of(booking.zone()), booking.locale());
        String voice = tenant.voiceFor(booking.locale());
        String prompt = "APPOINTMENT".equals(booking.kind()) ? prompts.appointmentPrompt(words, now)
                : prompts.reservationPrompt(words, now);
        String body = Callflows.confirmationCall(tenant.callerId(), booking.guestPhone(), prompt, voice,
                CaptureSettings.DEFAULT, call.validUntil(), attemptId);
        return new DialPlan(attemptId, body, session -> SessionReplies.confirmation(session, prompts, words, voice,
                CaptureSettings.DEFAULT, tenant.confirmDigit(), tenant.cancelDigit(), tenant.maxReprompts(), now));
    }

    private DialPlan messagePlan(Claimed call, Tenant tenant, String attemptId, Message message) {
        String voice = tenant.voiceFor(message.locale());
        String body = Callflows.voiceMessageCall(tenant.callerId(), message.phone(), message.text(), voice,
                message.repetitions(), 1.0, call.validUntil(), attemptId);
        return new DialPlan(attemptId, body, session -> SessionReplies.voiceMessage(session, message.locale(), voice));
    }

    record Message(String phone, String locale, String text, int repetitions) {
    }

    /** Under the row lock: still ours and still in time; then DIALING, committed before 8x8 is asked. */
    private Mono<Message> prepareMessage(Claimed call, String attemptId, Instant now) {
        return db.sql("""
                        SELECT c.status, c.lease_until, m.phone, m.locale, m.text, m.repetitions
                        FROM call c JOIN voice_message m ON m.tenant_id = c.tenant_id AND m.message_id = c.subject_id
                        WHERE c.id = :id FOR UPDATE OF c""")
                .bind("id", call.id())
                .map(row -> Map.entry(row.get("status", String.class) + "|" + instant(row.get("lease_until", OffsetDateTime.class)),
                        new Message(row.get("phone", String.class), row.get("locale", String.class),
                                row.get("text", String.class), row.get("repetitions", Integer.class))))
                .one()
                .flatMap(found -> {
                    if (!found.getKey().equals("SCHEDULED|" + call.leaseUntil())) {
                        return Mono.<Message>empty();
                    }
                    if (!clock.instant().isBefore(call.validUntil())) {
                        return finish(call, CallStatus.NOT_DELIVERED, "validUntil passed before the call", null)
                                .then(Mono.<Message>empty());
                    }
                    return markDialing(call, attemptId, now).thenReturn(found.getValue());
                })
                .as(transaction::transactional);
    }

    /**
     * Under the row lock: still ours, still SCHEDULED, the booking unchanged and still worth calling; then DIALING,
     * committed before 8x8 is asked.
     */
    private Mono<Booking> prepare(Claimed call, String attemptId, Instant now) {
        return db.sql("""
                        SELECT c.status, c.lease_until, b.version, b.cancelled, b.kind, b.starts_at, b.time_zone,
                               b.guest_name, b.guest_phone, b.guest_locale, b.venue_name, b.party_size, b.service_name
                        FROM call c JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                        WHERE c.id = :id FOR UPDATE OF c""")
                .bind("id", call.id())
                .map(row -> Map.entry(row.get("status", String.class) + "|" + instant(row.get("lease_until", OffsetDateTime.class)),
                        new Booking(row.get("version", Long.class), row.get("cancelled", Boolean.class),
                                row.get("kind", String.class), instant(row.get("starts_at", OffsetDateTime.class)),
                                row.get("time_zone", String.class), row.get("guest_name", String.class),
                                row.get("guest_phone", String.class), row.get("guest_locale", String.class),
                                row.get("venue_name", String.class), row.get("party_size", Integer.class),
                                row.get("service_name", String.class))))
                .one()
                .flatMap(found -> {
                    Booking booking = found.getValue();
                    boolean ours = found.getKey().equals("SCHEDULED|" + call.leaseUntil());
                    if (!ours || booking.cancelled() || !Long.valueOf(booking.version()).equals(call.bookingVersion())) {
                        return Mono.<Booking>empty();   // moved, cancelled or taken over: no call
                    }
                    if (!clock.instant().isBefore(call.validUntil())) {
                        return finish(call, CallStatus.SKIPPED, "Too late to call by the time it was due", null)
                                .then(Mono.<Booking>empty());
                    }
                    return markDialing(call, attemptId, now).thenReturn(booking);
                })
                .as(transaction::transactional);
    }

    private Mono<Void> markDialing(Claimed call, String attemptId, Instant now) {
        return db.sql("UPDATE call SET status = 'DIALING', attempt_id = :attempt, dialed_at = :now, updated_at = now() "
                        + "WHERE id = :id")
                .bind("attempt", attemptId).bind("now", now.atOffset(ZoneOffset.UTC)).bind("id", call.id()).then();
    }

    private Mono<Void> record(Claimed call, DialPlan plan, Instant dialedAt, PlaceCallResult result) {
        Instant now = clock.instant();
        Mono<Void> work;
        if (result instanceof PlaceCallResult.Placed placed) {
            SessionReplies.Session session = new SessionReplies.Session(call.tenantId(), placed.sessionId(),
                    call.id().toString(), plan.attemptId(), now, now.plus(Duration.ofHours(2)));
            work = db.sql("UPDATE call SET session_id = :session, lease_until = NULL WHERE id = :id")
                    .bind("session", placed.sessionId()).bind("id", call.id()).then()
                    .then(outbox.add(Topics.SESSIONS.name(), placed.sessionId(), plan.replies().apply(session)))
                    .then(outbox.add(Topics.CALL_STATUS.name(), call.subjectId(), status(call, CallStatus.SCHEDULED,
                            CallStatus.DIALING, null, placed.sessionId(), dialedAt, null, now)));
        } else if (result instanceof PlaceCallResult.Rejected rejected) {
            work = finish(call, failed(call), rejected.reason(), rejected.statusCode());
        } else {
            Instant retryAt = now.plus(properties.unavailableRetry());
            String reason = ((PlaceCallResult.Unavailable) result).reason();
            work = retryAt.isBefore(call.validUntil())
                    ? db.sql("UPDATE call SET status = 'SCHEDULED', due_at = :due, reason = :reason, lease_until = NULL "
                                    + "WHERE id = :id")
                            .bind("due", retryAt.atOffset(ZoneOffset.UTC)).bind("reason", reason).bind("id", call.id()).then()
                    : finish(call, failed(call), reason, null);
        }
        return work.as(transaction::transactional);
    }

    /** A call 8x8 would not place ends FAILED; a voice message that could not be placed, NOT_DELIVERED. */
    private static CallStatus failed(Claimed call) {
        return "VOICE_MESSAGE".equals(call.subjectType()) ? CallStatus.NOT_DELIVERED : CallStatus.FAILED;
    }

    private Mono<Void> finish(Claimed call, CallStatus to, String reason, Integer providerErrorCode) {
        Instant now = clock.instant();
        return db.sql("UPDATE call SET status = :status, reason = :reason, lease_until = NULL, updated_at = now() "
                        + "WHERE id = :id")
                .bind("status", to.name()).bind("reason", reason).bind("id", call.id()).then()
                .then(outbox.add(Topics.CALL_STATUS.name(), call.subjectId(),
                        status(call, CallStatus.SCHEDULED, to, reason, null, null, providerErrorCode, now)));
    }

    private static CallStatusChanged status(Claimed call, CallStatus from, CallStatus to, String reason, String sessionId,
            Instant dialedAt, Integer providerErrorCode, Instant now) {
        return CallStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setTenantId(call.tenantId()).setSubjectType(SubjectType.valueOf(call.subjectType()))
                .setSubjectId(call.subjectId()).setCallId(call.id().toString()).setAttempt(call.attempt())
                .setPreviousStatus(from).setStatus(to).setReason(reason).setSessionId(sessionId).setDialedAt(dialedAt)
                .setProviderErrorCode(providerErrorCode).build();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
