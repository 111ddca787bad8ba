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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A call as its claim found it: the lease it holds ({@code leaseUntil}) and the booking version it was scheduled
 * for, which the pre-dial check compares with the row as it is when the call is marked DIALING.
 */
record DueCall(
        UUID id,
        String tenantId,
        String subjectId,
        String subjectType,
        Long bookingVersion,
        int attempt,
        Instant validUntil,
        Instant leaseUntil,
        Instant dueAt,
        String traceParent) {

    static final String COLUMNS =
            "id, tenant_id, subject_id, subject_type, booking_version, attempt, valid_until, lease_until, due_at, trace_parent";

    static DueCall of(io.r2dbc.spi.Readable row) {
        return new DueCall(
                row.get("id", UUID.class),
                row.get("tenant_id", String.class),
                row.get("subject_id", String.class),
                row.get("subject_type", String.class),
                row.get("booking_version", Long.class),
                row.get("attempt", Integer.class),
                instant(row.get("valid_until", OffsetDateTime.class)),
                instant(row.get("lease_until", OffsetDateTime.class)),
                instant(row.get("due_at", OffsetDateTime.class)),
                row.get("trace_parent", String.class));
    }

    boolean voiceMessage() {
        return "VOICE_MESSAGE".equals(subjectType);
    }

    static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
