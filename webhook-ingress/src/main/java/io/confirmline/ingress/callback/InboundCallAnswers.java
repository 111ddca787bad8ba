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

import io.confirmline.callflow.Callflows;
import io.confirmline.callflow.CaptureSettings;
import io.confirmline.events.InboundCallEvent;
import io.confirmline.events.InboundCallEventType;
import io.confirmline.ingress.webhook.PhoneNumbers;
import io.confirmline.prompt.PromptCatalog;
import io.confirmline.prompt.TenantPrompts;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Answers a guest's call to a tenant's virtual number from memory (issue #15, design.md §10), never calling another
 * service — the caller is on the line:
 * <ul>
 * <li>a caller with an upcoming booking at the tenant hears it, in their language, and is asked to confirm, cancel
 * or (when the venue can take the call) be put through;</li>
 * <li>anyone else, or the transfer key: during opening hours, with a venue phone that is none of our numbers (a
 * forward back to 8x8 would loop), "putting you through" and a {@code makeCall} to the venue; otherwise a short
 * "closed" message, and the orchestrator texts back.</li>
 * </ul>
 * The call's state travels only in the reply's clientActionId ({@link CallbackState}); the answer is a function of
 * it, the key pressed, the booking index and the tenant, so any instance — or the same one again, for a redelivery
 * — answers a VCA alike. A booking cancelled or changed since its menu was said is not decided on: the caller
 * hears what they would hear calling now.
 */
@Component
public class InboundCallAnswers {

    private static final double SPEED = 1.0;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final BookingIndex bookings;
    private final TenantDirectory tenants;
    private final TenantPrompts prompts = new TenantPrompts();
    private final Clock clock;

    public InboundCallAnswers(BookingIndex bookings, TenantDirectory tenants, Clock clock) {
        this.bookings = bookings;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The call came in ({@code CALL_RECEIVED}): the caller's booking, or put through, or the closed message. */
    public InboundCallAnswer received(Tenant tenant, InboundCall call) {
        Instant now = clock.instant();
        Step step = new Step(tenant, call, "received", now);
        Optional<UpcomingBooking> booking = bookings.next(tenant.id(), call.caller())
                .filter(b -> CallbackState.fits(b.reservationId(), b.version()));
        if (booking.isPresent()) {
            UpcomingBooking b = booking.get();
            step.event(InboundCallEventType.RECEIVED, b, null, null);
            return step.answer(menu(tenant, b, call, 0, null, now), "menu");
        }
        step.event(InboundCallEventType.RECEIVED, null, null, null);
        return withoutBooking(step, null);
    }

    /** A later VCA of a call we answered: a key pressed in the menu (or silence), or the end of a bridge. */
    public InboundCallAnswer keyPressed(Tenant tenant, InboundCall call) {
        Instant now = clock.instant();
        Optional<CallbackState> state = CallbackState.parse(call.clientActionId());
        Step step = new Step(tenant, call, "after:" + call.clientActionId(), now);
        if (state.isEmpty()) {
            // Not ours after all (tampered, truncated): the caller is answered as an unknown caller would be.
            return withoutBooking(step, null);
        }
        if (state.get() instanceof CallbackState.Bridged) {
            // At most one bridge per session: whatever comes after it ends the call.
            return step.answer(Callflows.hangup(), "ended");
        }
        CallbackState.Menu menu = (CallbackState.Menu) state.get();
        Optional<UpcomingBooking> standing = bookings.find(menu.reservationId())
                .filter(b -> b.tenantId().equals(tenant.id())
                        && b.guestPhone().equals(call.caller())
                        && b.version() == menu.version());
        if (standing.isEmpty()) {
            // Cancelled, moved or unknown since the menu was said: no decision on a stale menu. The caller hears
            // what a call now would get: the booking as it stands (a fresh menu), or a person, or closed.
            Optional<UpcomingBooking> current = bookings.next(tenant.id(), call.caller())
                    .filter(b -> CallbackState.fits(b.reservationId(), b.version()));
            return current.isPresent()
                    ? step.answer(menu(tenant, current.get(), call, 0, null, now), "menu")
                    : withoutBooking(step, null);
        }
        UpcomingBooking booking = standing.get();
        String digits = call.digits();
        if (digits != null) {
            step.event(InboundCallEventType.DIGITS, booking, digits, null);
        }
        PromptCatalog catalog = prompts.of(tenant);
        PromptCatalog.Booking spoken = booking.spoken();
        String voice = tenant.voiceFor(languageOf(booking.guestLocale()));
        Tenant.Digits keys = tenant.digits();
        if (keys.confirm().equals(digits)) {
            return step.answer(Callflows.sayThenHangup(catalog.confirmed(spoken, now), voice, SPEED), "confirmed");
        }
        if (keys.cancel().equals(digits)) {
            return step.answer(Callflows.sayThenHangup(catalog.cancelled(spoken, now), voice, SPEED), "cancelled");
        }
        if (keys.transfer().equals(digits)) {
            return withoutBooking(step, booking);
        }
        if (menu.reprompts() >= tenant.calling().maxReprompts()) {
            return step.answer(Callflows.sayThenHangup(catalog.goodbye(spoken, now), voice, SPEED), "goodbye");
        }
        String again = digits == null ? catalog.noInput(spoken, now) : catalog.invalidDigit(spoken, now);
        return step.answer(menu(tenant, booking, call, menu.reprompts() + 1, again, now), "reprompt");
    }

    /**
     * The menu of a booking, as a {@code sayAndCapture}: the booking and its keys, or {@code prompt} (a re-prompt)
     * instead of the booking; the transfer offer only when the venue can take the call now.
     */
    private String menu(
            Tenant tenant, UpcomingBooking booking, InboundCall call, int reprompts, String prompt, Instant now) {
        PromptCatalog catalog = prompts.of(tenant);
        PromptCatalog.Booking spoken = booking.spoken();
        String said = prompt != null
                ? prompt
                : booking.appointment()
                        ? catalog.callbackAppointment(spoken, now)
                        : catalog.callbackReservation(spoken, now);
        if (bridgeTarget(tenant, call, now).isPresent()) {
            said = said + " " + catalog.transferOffer(spoken, now);
        }
        String reply =
                Callflows.reprompt(said, tenant.voiceFor(languageOf(booking.guestLocale())), CaptureSettings.DEFAULT);
        return withClientActionId(
                reply, new CallbackState.Menu(booking.reservationId(), booking.version(), reprompts).encode());
    }

    /**
     * A caller without a (standing) booking, or who asked for a person: put through to the venue when it is open
     * and its phone is usable, else the closed message and the end of the call.
     *
     * @param booking the booking the caller was asked about, for the language and the event; null for none
     */
    private InboundCallAnswer withoutBooking(Step step, UpcomingBooking booking) {
        Tenant tenant = step.tenant;
        PromptCatalog catalog = prompts.of(tenant);
        String language = booking != null ? languageOf(booking.guestLocale()) : languageOf(tenant);
        PromptCatalog.Booking spoken = booking != null
                ? booking.spoken()
                : new PromptCatalog.Booking(
                        "", tenant.displayName(), null, null, step.now, tenant.timeZone(), language);
        String voice = tenant.voiceFor(language);
        Optional<String> venue = bridgeTarget(tenant, step.call, step.now);
        if (venue.isPresent()) {
            step.event(InboundCallEventType.PUT_THROUGH, booking, null, venue.get());
            String reply = Callflows.sayThenMakeCall(
                    catalog.putThrough(spoken, step.now), voice, SPEED, step.call.virtualNumber(), venue.get());
            return step.answer(withClientActionId(reply, new CallbackState.Bridged().encode()), "put_through");
        }
        step.event(InboundCallEventType.CLOSED_MESSAGE, booking, null, null);
        return step.answer(Callflows.sayThenHangup(catalog.callbackClosed(spoken, step.now), voice, SPEED), "closed");
    }

    /**
     * The venue's phone, when the caller may be put through now: within opening hours, a valid E.164 number, and
     * none of any tenant's 8x8 numbers (a venue line forwarding unanswered calls to our number would loop).
     */
    private Optional<String> bridgeTarget(Tenant tenant, InboundCall call, Instant now) {
        if (tenant.venuePhone().isEmpty() || !OpeningHours.isOpen(tenant, now)) {
            return Optional.empty();
        }
        String venue = PhoneNumbers.e164(tenant.venuePhone().get());
        // makeCall takes E.164 numbers on both sides (8x8-voice-api.md §11).
        if (!E164.matcher(venue).matches()
                || !E164.matcher(call.virtualNumber()).matches()
                || venue.equals(call.virtualNumber())
                || tenants.byNumber(venue).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(venue);
    }

    /** A guest's language tag as the prompts and voices take it; English when the booking names none. */
    private static String languageOf(String locale) {
        return locale == null || locale.isBlank() ? "en" : locale;
    }

    /**
     * The language an unknown caller is greeted in: that of the tenant's default voice ({@code es-ES-...} is
     * Spanish), else English.
     */
    private static String languageOf(Tenant tenant) {
        String voice = tenant.voices().get("default");
        if (voice != null) {
            String[] parts = voice.split("-");
            if (parts.length >= 2) {
                String tag = Locale.forLanguageTag(parts[0] + "-" + parts[1]).toLanguageTag();
                if (!tag.equals("und")) {
                    return tag;
                }
            }
        }
        return "en";
    }

    /** Puts our state into a callflow reply ({@code {"callflow": [...]}} from {@link Callflows}). */
    static String withClientActionId(String reply, String clientActionId) {
        if (!reply.startsWith("{\"callflow\"")) {
            throw new IllegalStateException("Not a callflow reply");
        }
        // The state is base64url, digits and '|': nothing to escape.
        return "{\"clientActionId\":\"" + clientActionId + "\"," + reply.substring(1);
    }

    /** One VCA being answered: the events it gives rise to, each named by (session, type, step). */
    private static final class Step {
        private final Tenant tenant;
        private final InboundCall call;
        private final String name;
        private final Instant now;
        private final List<InboundCallEvent> events = new ArrayList<>(2);

        Step(Tenant tenant, InboundCall call, String name, Instant now) {
            this.tenant = tenant;
            this.call = call;
            this.name = name;
            this.now = now;
        }

        void event(InboundCallEventType type, UpcomingBooking booking, String digits, String transferTo) {
            String identity = "inbound-call:" + call.sessionId() + ":" + type + ":" + name;
            events.add(InboundCallEvent.newBuilder()
                    .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8))
                            .toString())
                    .setOccurredAt(now)
                    .setTenantId(tenant.id())
                    .setSessionId(call.sessionId())
                    .setType(type)
                    .setCaller(call.caller())
                    .setVirtualNumber(call.virtualNumber())
                    .setReservationId(booking == null ? null : booking.reservationId())
                    .setBookingVersion(booking == null ? null : booking.version())
                    .setDigits(digits)
                    .setTransferTo(transferTo)
                    .setSubAccountId(call.subAccountId())
                    .build());
        }

        InboundCallAnswer answer(String reply, String outcome) {
            return new InboundCallAnswer(reply, List.copyOf(events), outcome);
        }
    }
}
