package io.confirmline.notifier;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Tenants and status changes for the notifier's tests. */
public final class NotifierTestSupport {

    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final String API_KEY = "luigis-platform-api-key-0123456789";
    public static final String ADMIN = "notifier-admin-token-0123456789";

    private NotifierTestSupport() {
    }

    /** The tenant pointed at the stub, with a fast retry schedule. */
    public static List<String> properties(String callbackUrl) {
        return properties(callbackUrl, "0s,200ms,200ms,200ms,200ms,200ms");
    }

    /** The same, with another retry schedule. */
    public static List<String> properties(String callbackUrl, String retrySchedule) {
        List<String> p = new ArrayList<>();
        p.add("confirmline.tenants[0].id=luigis");
        p.add("confirmline.tenants[0].callback-url=" + callbackUrl);
        p.add("confirmline.tenants[0].signing-secrets[0]=" + SECRET);
        p.add("confirmline.tenants[0].platform-api-key=" + API_KEY);
        p.add("confirmline.notifier.admin-token=" + ADMIN);
        p.add("confirmline.notifier.retry-schedule=" + retrySchedule);
        p.add("confirmline.notifier.jitter=0");
        p.add("confirmline.notifier.timeout=1s");
        p.add("confirmline.notifier.poll-interval=50ms");
        p.add("confirmline.notifier.breaker.window=1000");
        return p;
    }

    public static CallStatusChanged change(String tenant, String reservationId, CallStatus previous, CallStatus status) {
        return CallStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setTenantId(tenant).setSubjectType(SubjectType.RESERVATION).setSubjectId(reservationId)
                .setCallId("call-" + reservationId).setAttempt(1).setPreviousStatus(previous).setStatus(status)
                .setReason(status == CallStatus.CONFIRMED ? "guest pressed 1" : null)
                .setDigits(status == CallStatus.CONFIRMED ? "1" : null).build();
    }
}
