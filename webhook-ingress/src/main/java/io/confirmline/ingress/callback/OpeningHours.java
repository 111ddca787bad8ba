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
package io.confirmline.ingress.callback;

import io.confirmline.tenant.Tenant;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * Whether a venue answers its phone at an instant: one of its opening periods, in the tenant's zone, holds it. A
 * period whose {@code closes} is before its {@code opens} runs past midnight into the next day. A tenant with no
 * opening hours is never open (nobody is known to be there to answer).
 */
final class OpeningHours {

    private OpeningHours() {}

    static boolean isOpen(Tenant tenant, Instant at) {
        ZonedDateTime local = at.atZone(tenant.timeZone());
        DayOfWeek today = local.getDayOfWeek();
        DayOfWeek yesterday = today.minus(1);
        LocalTime time = local.toLocalTime();
        for (Tenant.OpeningPeriod period : tenant.openingHours()) {
            boolean overnight = period.closes().isBefore(period.opens());
            if (period.day() == today
                    && !time.isBefore(period.opens())
                    && (overnight || time.isBefore(period.closes()))) {
                return true;
            }
            if (overnight && period.day() == yesterday && time.isBefore(period.closes())) {
                return true;
            }
        }
        return false;
    }
}
