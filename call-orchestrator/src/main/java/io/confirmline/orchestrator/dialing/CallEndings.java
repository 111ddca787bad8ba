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
package io.confirmline.orchestrator.dialing;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Ends a call that is not (or no longer) dialed, and tells the platform: the status row and its event together. */
@Component
class CallEndings {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final Clock clock;

    CallEndings(DatabaseClient db, Outbox outbox, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** In the caller's transaction, under the call's lock. */
    Mono<Void> finish(DueCall call, CallStatus to, String reason, Integer providerErrorCode) {
        Instant now = clock.instant();
        return db.sql("UPDATE call SET status = :status, reason = :reason, lease_until = NULL, settle_at = NULL, "
                        + "settle_reason = NULL, updated_at = now() WHERE id = :id")
                .bind("status", to.name())
                .bind("reason", reason)
                .bind("id", call.id())
                .then()
                .then(outbox.add(
                        Topics.CALL_STATUS.name(),
                        call.subjectId(),
                        change(call, CallStatus.SCHEDULED, to, reason, null, null, providerErrorCode, now)));
    }

    /** A call 8x8 would not place ends FAILED; a voice message that could not be placed, NOT_DELIVERED. */
    static CallStatus failed(DueCall call) {
        return call.voiceMessage() ? CallStatus.NOT_DELIVERED : CallStatus.FAILED;
    }

    static CallStatusChanged change(
            DueCall call,
            CallStatus from,
            CallStatus to,
            String reason,
            String sessionId,
            Instant dialedAt,
            Integer providerErrorCode,
            Instant now) {
        return CallStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setTenantId(call.tenantId())
                .setSubjectType(SubjectType.valueOf(call.subjectType()))
                .setSubjectId(call.subjectId())
                .setCallId(call.id().toString())
                .setAttempt(call.attempt())
                .setPreviousStatus(from)
                .setStatus(to)
                .setReason(reason)
                .setSessionId(sessionId)
                .setDialedAt(dialedAt)
                .setProviderErrorCode(providerErrorCode)
                .build();
    }
}
