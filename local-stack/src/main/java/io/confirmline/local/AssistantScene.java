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
package io.confirmline.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The assistant's scene of {@code ./run-local --demo} (issue #17): a guest booked for tomorrow at 19:00 texts "can we
 * come at 8:30 instead?". Nobody at the venue answers within the owner's window, so the assistant (the local stub)
 * reads a wish to change the time; the platform sandbox's availability endpoint has free times around 20:30, which
 * are offered to the guest by text; the guest answers "20:30 please" and {@code reservation.change_requested}
 * reaches the platform, signed (the sandbox accepts only webhooks whose signature verifies). The platform sandbox,
 * told to accept change requests, moves the booking to 20:30 (an UPDATED event) and the call moves with it: the
 * platform hears the booking SCHEDULED again, 30 minutes before the new time.
 */
final class AssistantScene {

    static final String WISH = "can we come at 8:30 instead?";
    static final String PICK = "20:30 please";
    private static final LocalTime BOOKED = LocalTime.of(19, 0);
    private static final LocalTime WANTED = LocalTime.of(20, 30);
    /** The demo tenant's time between a call and the booking it confirms. */
    private static final Duration LEAD_TIME = Duration.ofMinutes(30);

    private static final ZoneId VENUE_ZONE = ZoneId.of("Europe/Madrid");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final PlatformClient platform;
    private final EightByEightSandboxClient sandbox;
    private final PrintStream out;
    private final String guest = Scenario.freshGuest('4'); // texts nothing of their own accord; no call today
    private final String booking = "demo-as-" + UUID.randomUUID().toString().substring(0, 6); // 14 characters
    private final LocalDate day = LocalDate.now(VENUE_ZONE).plusDays(1);
    private final Set<String> printed = new HashSet<>();
    private boolean texted;
    private boolean picked;
    private int textsPrinted;

    AssistantScene(PlatformClient platform, EightByEightSandboxClient sandbox, PrintStream out) {
        this.platform = platform;
        this.sandbox = sandbox;
        this.out = out;
    }

    String name() {
        return "texts \"" + WISH + "\": the assistant offers free times, the guest picks 20:30, the booking moves";
    }

    /** Books the guest for tomorrow evening and lets the platform sandbox accept the change request to come. */
    void start() {
        platform.acceptChangeRequests(true);
        platform.publishReservation(
                booking, "CREATED", 1, day.atTime(BOOKED).atZone(VENUE_ZONE).toInstant(), guest);
        out.println("booked " + booking + " for " + guest + ", tomorrow at " + BOOKED + " (" + name() + ")");
    }

    /**
     * One turn of the demo's loop: prints what arrived for this guest and booking and plays the guest's part (the
     * wish once the booking is known, the pick once times are offered). Returns whether the scene is complete.
     */
    boolean step(List<PlatformClient.Received> received) {
        for (PlatformClient.Received r : received) {
            if (booking.equals(r.subjectId()) && !r.completion() && printed.add(r.webhookId())) {
                out.println(line(r));
            }
        }
        if (!texted && !statuses(received).isEmpty()) {
            sandbox.text(guest, LocalStack.SMS_NUMBER, WISH);
            texted = true;
            out.println(String.format(
                    "%s  %-14s texts \"%s\" (the assistant answers if nobody does within %ss)",
                    now(), guest, WISH, LocalStack.HUMAN_WINDOW.toSeconds()));
        }
        List<JsonNode> texts = sandbox.texts(guest);
        for (; textsPrinted < texts.size(); textsPrinted++) {
            String text = texts.get(textsPrinted).path("text").asString();
            out.println(String.format("%s  %-14s texted: %s", now(), guest, text));
            if (!picked && text.contains(WANTED.toString())) {
                sandbox.text(guest, LocalStack.SMS_NUMBER, PICK);
                picked = true;
                out.println(String.format("%s  %-14s texts \"%s\"", now(), guest, PICK));
            }
        }
        return problems(received).isEmpty();
    }

    /** What has not happened yet; empty once the scene is complete. */
    List<String> problems(List<PlatformClient.Received> received) {
        List<String> missing = new ArrayList<>();
        if (!picked) {
            missing.add(guest + ": no text offering " + WANTED
                    + (texted ? "" : " (never texted: the booking was not" + " SCHEDULED at the platform)")
                    + "; texts received " + sandbox.texts(guest).size());
        }
        boolean requested = received.stream()
                .anyMatch(r -> booking.equals(r.subjectId())
                        && "reservation.change_requested".equals(r.type())
                        && r.request() != null
                        && WANTED.toString()
                                .equals(r.request().path("wantedTime").asString())
                        && "GUEST_PICK".equals(r.request().path("readBy").asString()));
        if (!requested) {
            missing.add(booking + ": no reservation.change_requested for " + WANTED + " read by GUEST_PICK");
        }
        Instant movedCall = day.atTime(WANTED).atZone(VENUE_ZONE).toInstant().minus(LEAD_TIME);
        List<PlatformClient.Received> changes = received.stream()
                .filter(r -> booking.equals(r.subjectId()) && !r.completion() && !r.guestRequest())
                .toList();
        boolean moved = changes.size() == 2
                && changes.stream().allMatch(r -> "SCHEDULED".equals(r.status()))
                && changes.get(1).scheduledFor() != null
                && movedCall.equals(Instant.parse(changes.get(1).scheduledFor()));
        if (!moved) {
            missing.add(booking + ": expected [SCHEDULED, SCHEDULED] with the call moved to "
                    + movedCall.atZone(VENUE_ZONE).toLocalTime() + ", got " + statuses(received));
        }
        return missing;
    }

    private List<String> statuses(List<PlatformClient.Received> received) {
        return received.stream()
                .filter(r -> booking.equals(r.subjectId()) && !r.completion() && !r.guestRequest())
                .map(PlatformClient.Received::status)
                .toList();
    }

    private String line(PlatformClient.Received r) {
        if (r.guestRequest()) {
            JsonNode q = r.request() == null ? JsonNodeFactory.instance.objectNode() : r.request();
            return String.format(
                    "%s  %-14s %s %s at %s for %s (\"%s\", read by %s), signed",
                    now(),
                    r.subjectId(),
                    r.type(),
                    q.path("wantedDate").asString(""),
                    q.path("wantedTime").asString(""),
                    q.path("partySize").asString(""),
                    q.path("words").asString(""),
                    q.path("readBy").asString(""));
        }
        String call = r.scheduledFor() == null
                ? ""
                : ("SCHEDULED".equals(r.previousStatus()) ? "the booking moved: call now at " : "call at ")
                        + Instant.parse(r.scheduledFor()).atZone(VENUE_ZONE).format(CLOCK) + " venue time";
        return String.format("%s  %-14s attempt %s  %-18s %s", now(), r.subjectId(), r.attempt(), r.status(), call);
    }

    private static String now() {
        return LocalTime.now(ZoneId.systemDefault()).format(TIME);
    }
}
