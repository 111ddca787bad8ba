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
package io.confirmline.notifier.api;

import io.confirmline.notifier.delivery.Delivery;
import io.confirmline.notifier.delivery.DeliveryProperties;
import io.confirmline.notifier.delivery.DeliveryStore;
import io.confirmline.notifier.delivery.DeliveryWorker;
import io.confirmline.notifier.delivery.RetrySchedule;
import io.confirmline.security.SecretDigest;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The delivery log for the platform ({@code Authorization: Bearer <tenant API key>}, which also names the tenant)
 * and replay of dead letters for operators (the admin token). Errors are the shared problem+json model
 * ({@link ProblemException}). The key is looked up in the {@link TenantDirectory} on every request, so a key added
 * or removed, or a tenant switched off, counts from the next request: an unknown key is a 401, a disabled tenant's
 * key a 403 (its deliveries still go out; only its API is refused).
 */
@RestController
public class DeliveryApi {

    private static final Logger log = LoggerFactory.getLogger(DeliveryApi.class);
    private static final Duration RETRY_AFTER_DATABASE = Duration.ofSeconds(5);

    private static final Set<String> STATUSES = Set.of(Delivery.PENDING, Delivery.SUCCEEDED, Delivery.DEAD);

    private final DeliveryStore store;
    private final TenantDirectory tenants;
    private final RetrySchedule schedule;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final SecretDigest adminToken;

    public DeliveryApi(
            DeliveryStore store,
            TenantDirectory tenants,
            DeliveryProperties properties,
            RetrySchedule schedule,
            DeliveryWorker worker,
            Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.schedule = schedule;
        this.worker = worker;
        this.clock = clock;
        this.adminToken = SecretDigest.of(properties.adminToken());
    }

    /** What the API shows of a delivery: everything but the signing details. */
    public record DeliveryView(
            String id,
            String webhookId,
            String subjectId,
            String eventId,
            String type,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant deliveredAt,
            Instant deadAt,
            Integer lastStatusCode,
            String lastError) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.id().toString(),
                    d.webhookId(),
                    d.subjectId(),
                    d.eventId(),
                    d.type(),
                    d.status(),
                    d.attempts(),
                    d.createdAt(),
                    Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null,
                    d.deliveredAt(),
                    d.deadAt(),
                    d.lastStatusCode(),
                    d.lastError());
        }
    }

    @GetMapping(path = "/api/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<DeliveryView>> list(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String reservationId,
            @RequestParam(required = false) String messageId,
            @RequestParam(defaultValue = "100") int limit) {
        Tenant tenant = tenants.byPlatformKey(bearer(auth))
                .orElseThrow(() -> unauthorized("A tenant API key is required: Authorization: Bearer <key>"));
        if (!tenant.enabled()) {
            throw problem(HttpStatus.FORBIDDEN, "The tenant is disabled");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw problem(HttpStatus.BAD_REQUEST, "status must be one of " + STATUSES + ", was " + status);
        }
        if (limit < 1 || limit > 1000) {
            throw problem(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        String subject = reservationId != null ? text("reservationId", reservationId) : text("messageId", messageId);
        return database(store.list(tenant.id(), status, subject, limit)
                .map(DeliveryView::of)
                .collectList());
    }

    @PostMapping(path = "/api/deliveries/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<DeliveryView> replay(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth, @PathVariable String id) {
        if (!adminToken.matches(bearer(auth))) {
            throw unauthorized("The admin token is required: Authorization: Bearer <token>");
        }
        UUID deliveryId;
        try {
            deliveryId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw problem(HttpStatus.NOT_FOUND, "No delivery " + id);
        }
        return database(store.replay(deliveryId, schedule.first(clock.instant()))
                .doOnNext(replayed -> worker.wake())
                .map(DeliveryView::of)
                .switchIfEmpty(store.find(deliveryId)
                        .flatMap(existing -> Mono.<DeliveryView>error(problem(
                                HttpStatus.CONFLICT,
                                "Delivery " + id + " is " + existing.status() + "; only DEAD deliveries are replayed")))
                        .switchIfEmpty(Mono.error(problem(HttpStatus.NOT_FOUND, "No delivery " + id)))));
    }

    @PostMapping(path = "/api/endpoints/{tenantId}/enable", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Void>> enable(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String auth,
            @PathVariable String tenantId) {
        if (!adminToken.matches(bearer(auth))) {
            throw unauthorized("The admin token is required: Authorization: Bearer <token>");
        }
        return database(store.enableEndpoint(text("tenantId", tenantId)).map(enabled -> {
            worker.wake();
            return ResponseEntity.noContent().build();
        }));
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    /** PostgreSQL text cannot hold NUL, so a value with one could only fail in the database: refused here instead. */
    private static String text(String name, String value) {
        if (value != null && value.indexOf(0) >= 0) {
            throw problem(HttpStatus.BAD_REQUEST, name + " must not contain NUL characters");
        }
        return value;
    }

    /** The type slugs ({@code deliveries-<status>}) are the ones this API has always answered with. */
    static ProblemException problem(HttpStatus status, String detail) {
        return new ProblemException(status, "deliveries-" + status.value(), status.getReasonPhrase(), detail);
    }

    static ProblemException unauthorized(String detail) {
        return ProblemException.unauthorized("deliveries-401", detail, "Bearer", "confirmline-notifier");
    }

    /**
     * The database did not answer in time (statement or connection-acquire timeout, or it is away): the caller may
     * try again, so 503 with Retry-After rather than a 500 for a defect.
     */
    private static <T> Mono<T> database(Mono<T> work) {
        return work.onErrorMap(
                e -> e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException,
                e -> {
                    log.warn(
                            "API request not answered, the database is unavailable: {}",
                            ((DataAccessException) e).getMostSpecificCause().toString());
                    return ProblemException.unavailable(
                            "database-unavailable",
                            "Service Unavailable",
                            "The delivery log is unavailable for the moment; try again shortly",
                            RETRY_AFTER_DATABASE);
                });
    }
}
