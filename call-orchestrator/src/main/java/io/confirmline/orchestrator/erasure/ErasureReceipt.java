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
package io.confirmline.orchestrator.erasure;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to {@code POST /api/erasures}: the erasure's id (what logs and the {@code erasure} table name instead
 * of the number) and how much was erased. Counts are of what still held the guest's data: a repeated erasure of the
 * same number answers zeros.
 *
 * @param bookings bookings anonymised
 * @param voiceMessages voice messages anonymised
 * @param calls calls of those bookings and messages (digits cleared; the open ones withdrawn)
 * @param sessions 8x8 sessions of those calls whose in-call replies were tombstoned on voice.sessions.v1
 */
public record ErasureReceipt(
        UUID erasureId, Instant erasedAt, int bookings, int voiceMessages, int calls, int sessions) {}
