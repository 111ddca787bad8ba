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
package io.confirmline.console.export;

import java.time.Instant;

/**
 * One call attempt of a booking, as the export writes it: the booking's fields, then the attempt's latest status
 * (its channel, status and reason from the attempt's last change) and its timings and 8x8's codes over all its
 * changes.
 */
public record CallAttemptRow(
        String reservationId,
        Instant startsAt,
        String guestName,
        String guestPhone,
        Integer partySize,
        int attempt,
        String channel,
        String status,
        String reason,
        Instant dialedAt,
        Instant connectedAt,
        Instant endedAt,
        Integer durationSeconds,
        String providerStatus,
        Integer providerErrorCode) {}
