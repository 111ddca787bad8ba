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
package io.confirmline.orchestrator.callflow;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.confirmline.callflow.Callflows;
import io.confirmline.callflow.CaptureSettings;
import io.confirmline.events.CallPurpose;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.orchestrator.tenant.Tenants;
import io.confirmline.prompt.PromptCatalog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The in-call replies the orchestrator renders when a call is placed and publishes in {@link CallSessionOpened},
 * so the ingress can answer every key press without asking anyone: the tenant's digit map (1 confirms, 0 cancels
 * by default) to say + hangup, the transfer key (9 by default, when the venue has a phone) to say + makeCall, a bounded re-prompt for an unknown digit or silence (naming the tenant's keys), and a
 * goodbye, all in the tenant's words. A voice message hangs up on any key.
 */
public final class SessionReplies {

    private SessionReplies() {}

    /** The ids and timing of the session the replies belong to. */
    public record Session(
            String tenantId, String sessionId, String callId, String attemptId, Instant openedAt, Instant expiresAt) {}

    /**
     * @param confirmDigit the digit that confirms (per tenant)
     * @param cancelDigit the digit that cancels (per tenant)
     * @param maxReprompts how many times an unknown digit or silence is asked again
     */
    public static CallSessionOpened confirmation(
            Session session,
            PromptCatalog catalog,
            PromptCatalog.Booking booking,
            String voiceProfile,
            CaptureSettings capture,
            String confirmDigit,
            String cancelDigit,
            int maxReprompts,
            Instant now) {
        return confirmation(
                session, catalog, booking, voiceProfile, capture, confirmDigit, cancelDigit, null, maxReprompts, now);
    }

    /**
     * As above; with a {@code transfer} (null when the tenant offers none) its key says "Putting you through to
     * Luigi's" and bridges the guest to the venue's phone, and the re-prompts offer it.
     */
    public static CallSessionOpened confirmation(
            Session session,
            PromptCatalog catalog,
            PromptCatalog.Booking booking,
            String voiceProfile,
            CaptureSettings capture,
            String confirmDigit,
            String cancelDigit,
            Tenants.Transfer transfer,
            int maxReprompts,
            Instant now) {
        // The re-prompts name the keys that act in this session, whatever digits the catalog was made for.
        PromptCatalog words = transfer == null
                ? catalog.withDigits(confirmDigit, cancelDigit)
                : catalog.withDigits(confirmDigit, cancelDigit, transfer.digit());
        Map<String, String> digits = new LinkedHashMap<>();
        digits.put(confirmDigit, Callflows.sayThenHangup(words.confirmed(booking, now), voiceProfile, capture.speed()));
        digits.put(cancelDigit, Callflows.sayThenHangup(words.cancelled(booking, now), voiceProfile, capture.speed()));
        if (transfer != null) {
            if (digits.containsKey(transfer.digit())) {
                throw new IllegalArgumentException("The transfer key " + transfer.digit() + " is already taken");
            }
            digits.put(
                    transfer.digit(),
                    Callflows.sayThenMakeCall(
                            words.putThrough(booking, now),
                            voiceProfile,
                            capture.speed(),
                            transfer.source(),
                            transfer.destination()));
        }
        return base(session, CallPurpose.CONFIRMATION, booking.languageTag(), voiceProfile)
                .setDigitReplies(digits)
                .setInvalidInputReply(Callflows.reprompt(
                        offering(words.invalidDigit(booking, now), words, booking, transfer, now),
                        voiceProfile,
                        capture))
                .setNoInputReply(Callflows.reprompt(
                        offering(words.noInput(booking, now), words, booking, transfer, now), voiceProfile, capture))
                .setFinalReply(Callflows.sayThenHangup(words.goodbye(booking, now), voiceProfile, capture.speed()))
                .setMaxReprompts(maxReprompts)
                .build();
    }

    /**
     * The sentence, followed by "Or press 9 to speak to Luigi's." when the guest can be put through: the guest hears
     * of the transfer key only when it works.
     */
    public static String offering(
            String sentence,
            PromptCatalog words,
            PromptCatalog.Booking booking,
            Tenants.Transfer transfer,
            Instant now) {
        return transfer == null ? sentence : sentence + " " + words.transferOffer(booking, now);
    }

    /** A one-way message: any key, or none, ends the call. */
    public static CallSessionOpened voiceMessage(Session session, String languageTag, String voiceProfile) {
        String hangup = Callflows.hangup();
        return base(session, CallPurpose.VOICE_MESSAGE, languageTag, voiceProfile)
                .setDigitReplies(Map.of())
                .setInvalidInputReply(hangup)
                .setNoInputReply(hangup)
                .setFinalReply(hangup)
                .setMaxReprompts(0)
                .build();
    }

    private static CallSessionOpened.Builder base(
            Session session, CallPurpose purpose, String locale, String voiceProfile) {
        return CallSessionOpened.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("session-opened:" + session.sessionId()).getBytes(UTF_8))
                        .toString())
                .setOccurredAt(session.openedAt())
                .setTenantId(session.tenantId())
                .setSessionId(session.sessionId())
                .setCallId(session.callId())
                .setAttemptId(session.attemptId())
                .setPurpose(purpose)
                .setLocale(locale)
                .setVoiceProfile(voiceProfile)
                .setExpiresAt(session.expiresAt());
    }
}
