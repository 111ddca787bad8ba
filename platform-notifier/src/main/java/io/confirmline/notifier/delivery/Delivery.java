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
package io.confirmline.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/** A delivery row, as the worker and the API see it. */
public record Delivery(
        UUID id,
        long sequence,
        String tenantId,
        String subjectId,
        String eventId,
        String type,
        String payload,
        Instant occurredAt,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant createdAt,
        Instant deliveredAt,
        Instant deadAt,
        String traceParent) {

    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String DEAD = "DEAD";

    /** The {@code webhook-id} header: stable across every attempt of this delivery. */
    public String webhookId() {
        return "msg_" + id.toString().replace("-", "");
    }
}
