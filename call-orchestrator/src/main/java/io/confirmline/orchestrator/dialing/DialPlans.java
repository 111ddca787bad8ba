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

import io.confirmline.callflow.Callflows;
import io.confirmline.callflow.CaptureSettings;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.orchestrator.callflow.SessionReplies;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.prompt.PromptCatalog;
import io.confirmline.tenant.Tenant;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** What to say in a call: the Send Callflow body in the tenant's words and voice, and the replies for the ingress. */
@Component
class DialPlans {

    private final Tenants tenants;

    DialPlans(Tenants tenants) {
        this.tenants = tenants;
    }

    /** What to send 8x8 for a call, and the in-call replies to publish once 8x8 has accepted it. */
    record DialPlan(String attemptId, String body, Function<SessionReplies.Session, CallSessionOpened> replies) {}

    /** A booking as read under the call's lock, with what its prompt needs. */
    record Booking(
            long version,
            boolean cancelled,
            String kind,
            Instant startsAt,
            String zone,
            String guestName,
            String guestPhone,
            String locale,
            String venue,
            Integer partySize,
            String service,
            boolean textOnly,
            boolean optedOut) {}

    /** A voice message as read under the call's lock. */
    record Message(String phone, String locale, String text, int repetitions, boolean optedOut) {}

    /** A new attempt id: the call's, the attempt's number and a random part, sent to 8x8 as clientRequestId. */
    static String attemptId(DueCall call) {
        return call.id().toString().substring(0, 8) + "-" + call.attempt() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    DialPlan booking(DueCall call, Tenant tenant, String attemptId, Booking booking, Instant now) {
        PromptCatalog prompts = tenants.prompts(tenant);
        PromptCatalog.Booking words = new PromptCatalog.Booking(
                booking.guestName(),
                booking.venue(),
                booking.partySize(),
                booking.service(),
                booking.startsAt(),
                ZoneId.of(booking.zone()),
                booking.locale());
        String voice = tenant.voiceFor(booking.locale());
        Tenants.Transfer transfer = tenants.transfer(tenant).orElse(null);
        PromptCatalog spoken = transfer == null
                ? prompts
                : prompts.withDigits(tenant.digits().confirm(), tenant.digits().cancel(), transfer.digit());
        String prompt = SessionReplies.offering(
                "APPOINTMENT".equals(booking.kind())
                        ? spoken.appointmentPrompt(words, now)
                        : spoken.reservationPrompt(words, now),
                spoken,
                words,
                transfer,
                now);
        String body = Callflows.confirmationCall(
                tenant.account().callerId(),
                booking.guestPhone(),
                prompt,
                voice,
                CaptureSettings.DEFAULT,
                call.validUntil(),
                attemptId);
        return new DialPlan(
                attemptId,
                body,
                session -> SessionReplies.confirmation(
                        session,
                        prompts,
                        words,
                        voice,
                        CaptureSettings.DEFAULT,
                        tenant.digits().confirm(),
                        tenant.digits().cancel(),
                        transfer,
                        tenant.calling().maxReprompts(),
                        now));
    }

    DialPlan message(DueCall call, Tenant tenant, String attemptId, Message message) {
        String voice = tenant.voiceFor(message.locale());
        String body = Callflows.voiceMessageCall(
                tenant.account().callerId(),
                message.phone(),
                message.text(),
                voice,
                message.repetitions(),
                1.0,
                call.validUntil(),
                attemptId);
        return new DialPlan(attemptId, body, session -> SessionReplies.voiceMessage(session, message.locale(), voice));
    }
}
