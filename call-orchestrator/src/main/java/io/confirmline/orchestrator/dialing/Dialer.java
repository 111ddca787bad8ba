package io.confirmline.orchestrator.dialing;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.call.OutcomeProperties;
import io.confirmline.callflow.CaptureSettings;
import io.confirmline.callflow.Callflows;
import io.confirmline.orchestrator.callflow.SessionReplies;
import io.confirmline.orchestrator.outbox.Outbox;
import io.confirmline.orchestrator.call.CallProgress;
import io.confirmline.orchestrator.optout.OptOuts;
import io.confirmline.orchestrator.outbox.TraceParent;
import io.confirmline.prompt.PromptCatalog;
import io.confirmline.orchestrator.reservation.ReservationIntake;
import io.confirmline.orchestrator.schedule.SchedulePolicy;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
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
 * of instances share the work); the tenant's rate and concurrency limits are taken; then, under the row lock, the
 * booking is re-read — cancelled, moved or too late means no call — and the call is marked DIALING, with its attempt
 * row and a summary deadline ({@code settle_at}), before 8x8 is asked. A crash, a timeout or an error after that
 * point can therefore never dial it twice, and never leave it stuck: the attempt's outcome is unknown until its
 * session summary arrives (matched by the {@code clientRequestId} we sent, the attempt id) or the deadline passes,
 * when the outcome sweep closes it as lost and retries or concludes it. When 8x8 returns a session, the session id,
 * the session's in-call replies (for the ingress) and the DIALING status change are committed together through the
 * outbox. The tenant is read from the tenant directory at each dial, so its latest settings are used; a disabled
 * tenant's due calls are not dialed but end SKIPPED (messages NOT_DELIVERED), which the platform hears.
 */
@Component
public class Dialer {

    private static final Logger log = LoggerFactory.getLogger(Dialer.class);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final CallflowsClient client;
    private final DialingProperties properties;
    private final Tenants tenants;
    private final Outbox outbox;
    private final OutcomeProperties outcomes;
    private final CallProgress texting;
    private final io.micrometer.tracing.Tracer tracer;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final io.micrometer.core.instrument.Timer dialLag;
    private final Clock clock;
    private final TenantLimits limits = new TenantLimits(System::nanoTime);

    public Dialer(DatabaseClient db, ReactiveTransactionManager transactions, DialingProperties properties,
            Tenants tenants, Outbox outbox, OutcomeProperties outcomes, CallProgress texting, Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
        this.tracer = tracer.getIfAvailable();
        this.texting = texting;
        this.outcomes = outcomes;
        this.meters = meters;
        this.dialLag = io.micrometer.core.instrument.Timer.builder("confirmline_orchestrator_dial_lag")
                .description("From a call's due time to its Send Callflow request")
                .publishPercentileHistogram().register(meters);
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.properties = properties;
        this.client = new CallflowsClient(WebClient.builder(), new CallflowsClient.Settings(properties.baseUrl(),
                properties.timeout(), properties.retries(), Duration.ofMillis(200)));
        this.tenants = tenants;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A claimed call with what the prompt needs from its booking. */
    record Claimed(UUID id, String tenantId, String subjectId, String subjectType, Long bookingVersion, int attempt,
            Instant validUntil, Instant leaseUntil, Instant dueAt, String traceParent) {
    }

    record Booking(long version, boolean cancelled, String kind, Instant startsAt, String zone, String guestName,
            String guestPhone, String locale, String venue, Integer partySize, String service, boolean textOnly,
            boolean optedOut) {
    }

    /** Claims and dials one batch; returns how many calls were claimed. */
    public int dialOnce() {
        List<Claimed> claimed = db.sql("""
                        UPDATE call SET lease_until = now() + make_interval(secs => :lease)
                        WHERE id IN (SELECT id FROM call
                                     WHERE status = 'SCHEDULED' AND due_at <= now()
                                       AND (lease_until IS NULL OR lease_until < now())
                                     ORDER BY due_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + CLAIMED_COLUMNS)
                .bind("lease", properties.lease().toMillis() / 1000.0).bind("batch", properties.batchSize())
                .map(Dialer::claimed)
                .all().collectList().block(Duration.ofSeconds(30));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        Flux.fromIterable(claimed).flatMap(call -> dial(call).onErrorResume(error -> {
            log.error("Dialing call {} failed: {}", call.id(), error.toString());
            return Mono.empty();
        }), properties.concurrency()).then().block(properties.timeout().multipliedBy(properties.retries() + 2L).plusSeconds(30));
        return claimed.size();
    }

    /**
     * Dials one call now, without waiting for the poller: for a call whose creator already holds its lease
     * ({@code leaseUntil}, as stored), such as a voice message requested over HTTP. Empty when the call is no longer
     * held by that lease or was not dialed.
     */
    public Mono<PlaceCallResult> dialNow(UUID callId, Instant leaseUntil) {
        return db.sql("SELECT " + CLAIMED_COLUMNS + " FROM call WHERE id = :id AND status = 'SCHEDULED'")
                .bind("id", callId).map(Dialer::claimed).one()
                .filter(call -> leaseUntil.equals(call.leaseUntil()))
                .flatMap(this::dial);
    }

    private static final String CLAIMED_COLUMNS =
            "id, tenant_id, subject_id, subject_type, booking_version, attempt, valid_until, lease_until, due_at, trace_parent";

    private static Claimed claimed(io.r2dbc.spi.Readable row) {
        return new Claimed(row.get("id", UUID.class), row.get("tenant_id", String.class),
                row.get("subject_id", String.class), row.get("subject_type", String.class),
                row.get("booking_version", Long.class), row.get("attempt", Integer.class),
                instant(row.get("valid_until", OffsetDateTime.class)), instant(row.get("lease_until", OffsetDateTime.class)),
                instant(row.get("due_at", OffsetDateTime.class)), row.get("trace_parent", String.class));
    }

    /** What to send 8x8 for a call, and the in-call replies to publish once 8x8 has accepted it. */
    record DialPlan(String attemptId, String body, Function<SessionReplies.Session, CallSessionOpened> replies) {
    }

    /** Dials a claimed call; the result is empty when it was not dialed (moved, cancelled, taken over, too late). */
    private Mono<PlaceCallResult> dial(Claimed call) {
        // Continues the booking's trace: the DIALING change and the session (for the ingress) are written inside it.
        io.micrometer.tracing.Span span = io.confirmline.kafka.TraceParents.continueFrom(tracer, call.traceParent(), "dial");
        if (span == null) {
            return dialUntraced(call);
        }
        return dialUntraced(call).contextWrite(TraceParent.of(span)).doFinally(signal -> span.end());
    }

    private Mono<PlaceCallResult> dialUntraced(Claimed call) {
        // The tenant as it is now: its key, caller id, words and limits are the ones of its latest settings.
        Tenant tenant = tenants.byId(call.tenantId()).orElse(null);
        if (tenant == null) {
            // Deleted from tenants.v1: an error for this call only (logged); it stays claimed until its lease ends.
            return Mono.error(new IllegalStateException("Call " + call.id() + " belongs to unknown tenant "
                    + call.tenantId()));
        }
        if (!tenant.enabled()) {
            return notDialed(call).then(Mono.<PlaceCallResult>empty());
        }
        // The tenant's limits are taken before DIALING is committed: a call marked DIALING is asked of 8x8 at once,
        // never left waiting for a slot (where a crash would leave an attempt that was never made).
        return throttled(tenant, Mono.defer(() -> {
            Instant now = clock.instant();
            String attemptId = call.id().toString().substring(0, 8) + "-" + call.attempt() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            Mono<DialPlan> plan = "VOICE_MESSAGE".equals(call.subjectType())
                    ? prepareMessage(call, attemptId, now).map(message -> messagePlan(call, tenant, attemptId, message))
                    : prepare(call, attemptId, now).map(booking -> bookingPlan(call, tenant, attemptId, booking, now));
            return plan.flatMap(p -> {
                if (call.dueAt() != null) {
                    dialLag.record(Duration.between(call.dueAt(), clock.instant()).abs());
                }
                return client.placeCall(tenant.account().voiceSubaccountId(), tenant.account().apiKey().value(), p.body())
                        .doOnNext(result -> meters.counter("confirmline_orchestrator_placements",
                                "result", result.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)).increment())
                        .flatMap(result -> record(call, p, now, result).thenReturn(result));
            });
        }));
    }

    /** The tenant's rate and concurrency limits around preparing and sending one Send Callflow request. */
    private Mono<PlaceCallResult> throttled(Tenant tenant, Mono<PlaceCallResult> request) {
        TenantLimits.Limits tenantLimits = limits.of(tenant);
        return Mono.fromCallable(tenantLimits::acquire)
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .flatMap(wait -> Mono.delay(wait).then(request).doFinally(signal -> tenantLimits.slots().release()));
    }

    /**
     * A disabled tenant's due call (a first attempt or a retry) is not dialed: under the row lock, while still
     * held by this claim, it ends SKIPPED (a voice message NOT_DELIVERED, its own vocabulary) with
     * {@link Tenants#DISABLED_REASON}, which the platform hears. Calls already on the line are not touched.
     */
    private Mono<Void> notDialed(Claimed call) {
        return db.sql("SELECT status, lease_until FROM call WHERE id = :id FOR UPDATE")
                .bind("id", call.id())
                .map(row -> new Locked<>(row.get("status", String.class),
                        instant(row.get("lease_until", OffsetDateTime.class)), null, null))
                .one()
                .filter(found -> found.heldBy(call))
                .flatMap(found -> finish(call, "VOICE_MESSAGE".equals(call.subjectType()) ? CallStatus.NOT_DELIVERED
                        : CallStatus.SKIPPED, Tenants.DISABLED_REASON, null))
                .as(transaction::transactional);
    }

    private DialPlan bookingPlan(Claimed call, Tenant tenant, String attemptId, Booking booking, Instant now) {
        PromptCatalog prompts = tenants.prompts(tenant);
        PromptCatalog.Booking words = new PromptCatalog.Booking(booking.guestName(), booking.venue(),
                booking.partySize(), booking.service(), booking.startsAt(), ZoneId.of(booking.zone()), booking.locale());
        String voice = tenant.voiceFor(booking.locale());
        Tenants.Transfer transfer = tenants.transfer(tenant).orElse(null);
        PromptCatalog spoken = transfer == null ? prompts : prompts.withDigits(tenant.digits().confirm(),
                tenant.digits().cancel(), transfer.digit());
        String prompt = SessionReplies.offering("APPOINTMENT".equals(booking.kind())
                ? spoken.appointmentPrompt(words, now) : spoken.reservationPrompt(words, now), spoken, words, transfer, now);
        String body = Callflows.confirmationCall(tenant.account().callerId(), booking.guestPhone(), prompt, voice,
                CaptureSettings.DEFAULT, call.validUntil(), attemptId);
        return new DialPlan(attemptId, body, session -> SessionReplies.confirmation(session, prompts, words, voice,
                CaptureSettings.DEFAULT, tenant.digits().confirm(), tenant.digits().cancel(), transfer,
                tenant.calling().maxReprompts(), now));
    }

    private DialPlan messagePlan(Claimed call, Tenant tenant, String attemptId, Message message) {
        String voice = tenant.voiceFor(message.locale());
        String body = Callflows.voiceMessageCall(tenant.account().callerId(), message.phone(), message.text(), voice,
                message.repetitions(), 1.0, call.validUntil(), attemptId);
        return new DialPlan(attemptId, body, session -> SessionReplies.voiceMessage(session, message.locale(), voice));
    }

    record Message(String phone, String locale, String text, int repetitions, boolean optedOut) {
    }

    /** A call row read under its lock, with what it is about. */
    private record Locked<T>(String status, Instant leaseUntil, Long bookingVersion, T subject) {

        /** Still SCHEDULED and still under the lease this claim took: no other instance has it. */
        boolean heldBy(Claimed call) {
            return "SCHEDULED".equals(status) && java.util.Objects.equals(leaseUntil, call.leaseUntil());
        }
    }

    /** Under the row lock: still ours and still in time; then DIALING, committed before 8x8 is asked. */
    private Mono<Message> prepareMessage(Claimed call, String attemptId, Instant now) {
        return db.sql("""
                        SELECT c.status, c.lease_until, m.phone, m.locale, m.text, m.repetitions,
                               EXISTS (SELECT 1 FROM opt_out o WHERE o.tenant_id = m.tenant_id
                                                                AND o.phone = m.phone) AS opted_out
                        FROM call c JOIN voice_message m ON m.tenant_id = c.tenant_id AND m.message_id = c.subject_id
                        WHERE c.id = :id FOR UPDATE OF c""")
                .bind("id", call.id())
                .map(row -> new Locked<>(row.get("status", String.class), instant(row.get("lease_until", OffsetDateTime.class)),
                        null, new Message(row.get("phone", String.class), row.get("locale", String.class),
                                row.get("text", String.class), row.get("repetitions", Integer.class),
                                Boolean.TRUE.equals(row.get("opted_out", Boolean.class)))))
                .one()
                .flatMap(found -> {
                    if (!found.heldBy(call)) {
                        return Mono.<Message>empty();
                    }
                    if (!clock.instant().isBefore(call.validUntil())) {
                        return finish(call, CallStatus.NOT_DELIVERED, "validUntil passed before the call", null)
                                .then(Mono.<Message>empty());
                    }
                    if (found.subject().optedOut()) {
                        return finish(call, CallStatus.NOT_DELIVERED, OptOuts.SKIP_REASON, null).then(Mono.<Message>empty());
                    }
                    return markDialing(call, attemptId, now).thenReturn(found.subject());
                })
                .as(transaction::transactional);
    }

    /**
     * Under the row lock: still ours, still SCHEDULED, the booking unchanged and still worth calling; then DIALING,
     * committed before 8x8 is asked.
     */
    private Mono<Booking> prepare(Claimed call, String attemptId, Instant now) {
        return db.sql("""
                        SELECT c.status, c.lease_until, c.booking_version, b.version, b.cancelled, b.kind, b.starts_at,
                               b.time_zone, b.guest_name, b.guest_phone, b.guest_locale, b.venue_name, b.party_size,
                               b.service_name, b.text_only,
                               EXISTS (SELECT 1 FROM opt_out o WHERE o.tenant_id = b.tenant_id
                                                                AND o.phone = b.guest_phone) AS opted_out
                        FROM call c JOIN booking b ON b.tenant_id = c.tenant_id AND b.reservation_id = c.subject_id
                        WHERE c.id = :id FOR UPDATE OF c""")
                .bind("id", call.id())
                .map(row -> new Locked<>(row.get("status", String.class), instant(row.get("lease_until", OffsetDateTime.class)),
                        row.get("booking_version", Long.class), new Booking(row.get("version", Long.class), row.get("cancelled", Boolean.class),
                                row.get("kind", String.class), instant(row.get("starts_at", OffsetDateTime.class)),
                                row.get("time_zone", String.class), row.get("guest_name", String.class),
                                row.get("guest_phone", String.class), row.get("guest_locale", String.class),
                                row.get("venue_name", String.class), row.get("party_size", Integer.class),
                                row.get("service_name", String.class), Boolean.TRUE.equals(row.get("text_only", Boolean.class)),
                                Boolean.TRUE.equals(row.get("opted_out", Boolean.class)))))
                .one()
                .flatMap(found -> {
                    Booking booking = found.subject();
                    if (!found.heldBy(call)) {
                        return Mono.<Booking>empty();   // taken over by another instance
                    }
                    if (booking.cancelled()) {
                        return finish(call, CallStatus.WITHDRAWN, "The booking was cancelled", null).then(Mono.<Booking>empty());
                    }
                    long callVersion = found.bookingVersion();
                    if (booking.version() != callVersion) {
                        // Changed while an earlier attempt was on the line: schedule this attempt for the booking as it is now.
                        return reschedule(call, booking, now).then(Mono.<Booking>empty());
                    }
                    if (!Long.valueOf(callVersion).equals(call.bookingVersion())) {
                        return release(call).then(Mono.<Booking>empty());   // moved since the claim: due at its new time
                    }
                    if (booking.optedOut()) {
                        return finish(call, CallStatus.SKIPPED, OptOuts.SKIP_REASON, null).then(Mono.<Booking>empty());
                    }
                    if (!clock.instant().isBefore(call.validUntil())) {
                        return finish(call, CallStatus.SKIPPED, "Too late to call by the time it was due", null)
                                .then(Mono.<Booking>empty());
                    }
                    if (booking.textOnly()) {
                        // The platform asked for a text, not a call: TEXTED with the text queued, or SKIPPED when the
                        // tenant cannot text or no moment is left before the booking.
                        return texting.textInsteadOfCall(call.id()).flatMap(texted -> texted ? Mono.<Booking>empty()
                                : finish(call, CallStatus.SKIPPED, "The booking asks for a text and none can be sent",
                                        null).then(Mono.<Booking>empty()));
                    }
                    return markDialing(call, attemptId, now).thenReturn(booking);
                })
                .as(transaction::transactional);
    }

    private Mono<Void> release(Claimed call) {
        return db.sql("UPDATE call SET lease_until = NULL WHERE id = :id").bind("id", call.id()).then();
    }

    private Mono<Void> reschedule(Claimed call, Booking booking, Instant now) {
        SchedulePolicy.Decision decision = ReservationIntake.policy(tenants.byId(call.tenantId()).orElseThrow(), ZoneId.of(booking.zone()))
                .decide(booking.startsAt(), now);
        if (decision instanceof SchedulePolicy.Due due) {
            return db.sql("UPDATE call SET due_at = :due, valid_until = :validUntil, booking_version = :version, "
                            + "lease_until = NULL, updated_at = now() WHERE id = :id")
                    .bind("due", due.at().atOffset(ZoneOffset.UTC)).bind("validUntil", due.validUntil().atOffset(ZoneOffset.UTC))
                    .bind("version", booking.version()).bind("id", call.id()).then()
                    // The platform hears the new time, as for a move before the first attempt.
                    .then(outbox.add(Topics.CALL_STATUS.name(), call.subjectId(), CallStatusChanged.newBuilder(
                                    status(call, CallStatus.SCHEDULED, CallStatus.SCHEDULED, "The booking was moved", null,
                                            null, null, clock.instant()))
                            .setScheduledFor(due.at()).build()));
        }
        return finish(call, CallStatus.SKIPPED, ((SchedulePolicy.Skip) decision).reason(), null);
    }

    /**
     * DIALING, the attempt's row and the deadline for its summary, in the transaction that re-read the booking: from
     * here on the attempt may exist at 8x8, so whatever happens next (an answer, a timeout, a crash) it ends through
     * its summary or the outcome sweep, never through another claim.
     */
    private Mono<Void> markDialing(Claimed call, String attemptId, Instant now) {
        return db.sql("UPDATE call SET status = 'DIALING', attempt_id = :attempt, dialed_at = :now, session_id = NULL, "
                        + "settle_at = :settleAt, settle_reason = 'SUMMARY_LOST', updated_at = now() WHERE id = :id")
                .bind("attempt", attemptId).bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("settleAt", now.plus(outcomes.summaryTimeout()).atOffset(ZoneOffset.UTC)).bind("id", call.id()).then()
                .then(db.sql("""
                                INSERT INTO call_attempt (call_id, attempt, attempt_id, dialed_at)
                                VALUES (:id, :attempt, :attemptId, :dialedAt)
                                ON CONFLICT (call_id, attempt) DO UPDATE
                                SET attempt_id = excluded.attempt_id, dialed_at = excluded.dialed_at, session_id = NULL,
                                    provider_error_code = NULL, provider_error_message = NULL, outcome = NULL""")
                        .bind("id", call.id()).bind("attempt", call.attempt()).bind("attemptId", attemptId)
                        .bind("dialedAt", now.atOffset(ZoneOffset.UTC)).then());
    }

    /**
     * What 8x8 answered, recorded under the call's lock — only while the call is still DIALING this attempt: its
     * summary (matched by clientRequestId) may have settled it first.
     */
    private Mono<Void> record(Claimed call, DialPlan plan, Instant dialedAt, PlaceCallResult result) {
        return db.sql("SELECT status, attempt_id FROM call WHERE id = :id FOR UPDATE")
                .bind("id", call.id())
                .map(row -> "DIALING".equals(row.get("status", String.class))
                        && plan.attemptId().equals(row.get("attempt_id", String.class)))
                .one()
                .filter(Boolean::booleanValue)
                .flatMap(dialing -> recordAnswer(call, plan, dialedAt, result))
                .as(transaction::transactional);
    }

    private Mono<Void> recordAnswer(Claimed call, DialPlan plan, Instant dialedAt, PlaceCallResult result) {
        Instant now = clock.instant();
        if (result instanceof PlaceCallResult.Placed placed) {
            SessionReplies.Session session = new SessionReplies.Session(call.tenantId(), placed.sessionId(),
                    call.id().toString(), plan.attemptId(), now, now.plus(Duration.ofHours(2)));
            // Until 8x8's session summary comes, the call waits; if it never does, the outcome sweep closes it.
            return db.sql("UPDATE call SET session_id = :session, lease_until = NULL, settle_at = :settleAt, "
                            + "settle_reason = 'SUMMARY_LOST' WHERE id = :id")
                    .bind("session", placed.sessionId()).bind("id", call.id())
                    .bind("settleAt", now.plus(outcomes.summaryTimeout()).atOffset(ZoneOffset.UTC)).then()
                    .then(db.sql("UPDATE call_attempt SET session_id = :session WHERE call_id = :id AND attempt = :attempt")
                            .bind("session", placed.sessionId()).bind("id", call.id()).bind("attempt", call.attempt()).then())
                    .then(outbox.add(Topics.SESSIONS.name(), placed.sessionId(), plan.replies().apply(session)))
                    .then(outbox.add(Topics.CALL_STATUS.name(), call.subjectId(), status(call, CallStatus.SCHEDULED,
                            CallStatus.DIALING, null, placed.sessionId(), dialedAt, null, now)));
        }
        if (result instanceof PlaceCallResult.Rejected rejected) {
            Integer code = rejected.statusCode() != null ? rejected.statusCode() : rejected.httpStatus();
            return db.sql("UPDATE call_attempt SET provider_error_code = :code, provider_error_message = :message, "
                            + "outcome = 'FAILED' WHERE call_id = :id AND attempt = :attempt")
                    .bind("code", code).bind("message", Objects.requireNonNullElse(rejected.statusMessage(), ""))
                    .bind("id", call.id()).bind("attempt", call.attempt()).then()
                    .then(finish(call, failed(call), rejected.reason(), rejected.statusCode()));
        }
        if (result instanceof PlaceCallResult.OutcomeUnknown unknown) {
            // The call may be ringing: the platform hears DIALING; the summary or its deadline will settle it.
            log.warn("Call {} attempt {}: {}", call.id(), call.attempt(), unknown.reason());
            return db.sql("UPDATE call SET lease_until = NULL, reason = :reason WHERE id = :id")
                    .bind("reason", unknown.reason()).bind("id", call.id()).then()
                    .then(db.sql("UPDATE call_attempt SET provider_error_message = :reason "
                                    + "WHERE call_id = :id AND attempt = :attempt")
                            .bind("reason", unknown.reason()).bind("id", call.id()).bind("attempt", call.attempt()).then())
                    .then(outbox.add(Topics.CALL_STATUS.name(), call.subjectId(), status(call, CallStatus.SCHEDULED,
                            CallStatus.DIALING, unknown.reason(), null, dialedAt, null, now)));
        }
        // Proven not placed: this attempt never happened, so it is dialed again later under the same number.
        Instant retryAt = now.plus(properties.unavailableRetry());
        String reason = ((PlaceCallResult.Unavailable) result).reason();
        Mono<Void> forget = db.sql("DELETE FROM call_attempt WHERE call_id = :id AND attempt = :attempt")
                .bind("id", call.id()).bind("attempt", call.attempt()).then();
        return forget.then(retryAt.isBefore(call.validUntil())
                ? db.sql("UPDATE call SET status = 'SCHEDULED', due_at = :due, reason = :reason, lease_until = NULL, "
                                + "settle_at = NULL, settle_reason = NULL, dialed_at = NULL WHERE id = :id")
                        .bind("due", retryAt.atOffset(ZoneOffset.UTC)).bind("reason", reason).bind("id", call.id()).then()
                : finish(call, failed(call), reason, null));
    }

    /** A call 8x8 would not place ends FAILED; a voice message that could not be placed, NOT_DELIVERED. */
    private static CallStatus failed(Claimed call) {
        return "VOICE_MESSAGE".equals(call.subjectType()) ? CallStatus.NOT_DELIVERED : CallStatus.FAILED;
    }

    private Mono<Void> finish(Claimed call, CallStatus to, String reason, Integer providerErrorCode) {
        Instant now = clock.instant();
        return db.sql("UPDATE call SET status = :status, reason = :reason, lease_until = NULL, settle_at = NULL, "
                        + "settle_reason = NULL, updated_at = now() WHERE id = :id")
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
