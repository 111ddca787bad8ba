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
package io.confirmline.orchestrator.availability;

import java.time.OffsetDateTime;

/**
 * A time the platform can seat the guest, as its availability endpoint answered it.
 *
 * @param startsAt when the table is free, with the venue's offset as the platform wrote it
 * @param partySize how many guests the table is for
 */
public record Slot(OffsetDateTime startsAt, int partySize) {}
