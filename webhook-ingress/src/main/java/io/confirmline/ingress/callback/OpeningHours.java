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

    private OpeningHours() {
    }

    static boolean isOpen(Tenant tenant, Instant at) {
        ZonedDateTime local = at.atZone(tenant.timeZone());
        DayOfWeek today = local.getDayOfWeek();
        DayOfWeek yesterday = today.minus(1);
        LocalTime time = local.toLocalTime();
        for (Tenant.OpeningPeriod period : tenant.openingHours()) {
            boolean overnight = period.closes().isBefore(period.opens());
            if (period.day() == today && !time.isBefore(period.opens())
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
