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
package io.confirmline.notifier;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.SubjectType;
import io.confirmline.tenant.TenantSettings;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Tenants and status changes for the notifier's tests. */
public final class NotifierTestSupport {

    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final String API_KEY = "luigis-platform-api-key-0123456789";
    public static final String ADMIN = "notifier-admin-token-0123456789";

    private NotifierTestSupport() {}

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

    /**
     * A tenant as the owner console would publish it (the {@code confirmline.tenants[*]} shape), for tests that
     * change tenants while the notifier runs (TestTenantPublisher).
     */
    public static TenantSettings tenant(
            String id, String callbackUrl, String platformApiKey, boolean enabled, String... signingSecrets) {
        Map<String, String> p = new HashMap<>();
        p.put("t.id", id);
        p.put("t.callback-url", callbackUrl);
        p.put("t.platform-api-key", platformApiKey);
        p.put("t.enabled", Boolean.toString(enabled));
        for (int i = 0; i < signingSecrets.length; i++) {
            p.put("t.signing-secrets[" + i + "]", signingSecrets[i]);
        }
        return new Binder(new MapConfigurationPropertySource(p)).bindOrCreate("t", TenantSettings.class);
    }

    /** A new random Standard Webhooks secret. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    public static CallStatusChanged change(
            String tenant, String reservationId, CallStatus previous, CallStatus status) {
        return CallStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId(tenant)
                .setSubjectType(SubjectType.RESERVATION)
                .setSubjectId(reservationId)
                .setCallId("call-" + reservationId)
                .setAttempt(1)
                .setPreviousStatus(previous)
                .setStatus(status)
                .setReason(status == CallStatus.CONFIRMED ? "guest pressed 1" : null)
                .setDigits(status == CallStatus.CONFIRMED ? "1" : null)
                .build();
    }

    /** A status change on the SMS channel (the fallback text, a reply to it). */
    public static CallStatusChanged bySms(String tenant, String reservationId, CallStatus previous, CallStatus status) {
        return CallStatusChanged.newBuilder(change(tenant, reservationId, previous, status))
                .setChannel(io.confirmline.events.Channel.SMS)
                .build();
    }

    /** A guest fact on conversations.v1, as the orchestrator publishes it. */
    public static ConversationEvent guestFact(
            String tenant,
            String phone,
            ConversationEventType type,
            String source,
            String reservationId,
            String reason) {
        return ConversationEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)) // as Avro carries it
                .setTenantId(tenant)
                .setPhone(phone)
                .setType(type)
                .setSource(source)
                .setReservationId(reservationId)
                .setReason(reason)
                .build();
    }

    /** The same event carrying a guest's change or booking request. */
    public static ConversationEvent withRequest(ConversationEvent event, io.confirmline.events.GuestRequest request) {
        return ConversationEvent.newBuilder(event).setRequest(request).build();
    }

    /** A phone number no other test uses. */
    public static String newPhone() {
        return "+3460" + (1_000_000 + new SecureRandom().nextInt(9_000_000));
    }
}
