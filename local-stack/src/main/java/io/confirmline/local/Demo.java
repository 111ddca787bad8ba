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
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code ./run-local --demo}: books one guest per outcome, due now, and a voice message; prints each status change
 * (with "by text" when the guest answered or was reached by SMS, "on a call-back" when she rang back) and each guest
 * fact (an opt-out, a missed call) as the platform receives it; succeeds when every booking has received exactly its
 * expected changes and every guest her facts. Two call-back scenes (issue #15) run alongside: a guest whose calls went
 * unanswered rings back once texted and presses 1; a caller with no booking rings while the restaurant does not pick
 * up, and gets one text and a {@code guest.missed_call} at the platform. The assistant's scene (issue #17,
 * {@link AssistantScene}) runs alongside too: a guest's free text answered by the assistant with free times, the
 * guest's pick sent to the platform as a signed change request, and the booking moved.
 */
final class Demo {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PlatformClient platform;
    private final EightByEightSandboxClient sandbox;
    private final PrintStream out;
    /** The owner console, whose board shows the demo's bookings change as they do. */
    private final String console;

    Demo(PlatformClient platform, EightByEightSandboxClient sandbox, PrintStream out, String console) {
        this.platform = platform;
        this.sandbox = sandbox;
        this.out = out;
        this.console = console;
    }

    boolean run(Duration timeout) throws InterruptedException {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (Scenario scenario : Scenario.everyOutcome()) {
            // A database kept from an earlier run remembers that run's STOP: the guests start reachable again.
            platform.optIn(scenario.phone());
        }
        out.println("Watch them on " + console + " (sign in as " + DemoOwner.EMAIL + ", password " + DemoOwner.PASSWORD
                + "): the Today board shows each change as it happens.");
        for (Scenario scenario : Scenario.everyOutcome()) {
            String id = "demo-" + UUID.randomUUID().toString().substring(0, 8);
            platform.publishReservation(
                    id, "CREATED", 1, PlatformClient.dueNow(), scenario.phone(), scenario.textOnly());
            scenarios.put(id, scenario);
            out.println("booked " + id + " for " + scenario.phone() + (scenario.textOnly() ? ", text only" : "") + " ("
                    + scenario.name() + ")");
        }
        String message = "demo-msg-" + UUID.randomUUID().toString().substring(0, 8);
        platform.makeCall(Map.of(
                "type",
                "VOICE_MESSAGE",
                "messageId",
                message,
                "phone",
                "+447911100021",
                "locale",
                "en-GB",
                "text",
                "Your table at Luigi's is ready.",
                "repetitions",
                2,
                "purpose",
                "NOTICE"));
        scenarios.put(
                message,
                new Scenario(
                        "voice message: delivered", "+447911100021", List.of("SCHEDULED", "DIALING", "DELIVERED"), 1));
        out.println("asked for voice message " + message);

        // Call-back: booked now, rung back from the loop below once the platform has heard TEXTED.
        String callBackGuest = Scenario.freshGuest('4');
        String callBack = "demo-cb-" + UUID.randomUUID().toString().substring(0, 6); // 14 characters, as the others
        platform.publishReservation(callBack, "CREATED", 1, PlatformClient.dueNow(), callBackGuest, false);
        scenarios.put(callBack, Scenario.callBack(callBackGuest));
        out.println("booked " + callBack + " for " + callBackGuest + " ("
                + Scenario.callBack(callBackGuest).name() + ")");
        boolean calledBack = false;
        // Missed call: someone without a booking rings the venue's number; the restaurant does not pick up.
        String missedCaller = Scenario.freshGuest('4');
        sandbox.callIn(missedCaller, LocalStack.VIRTUAL_NUMBER, List.of(), false);
        out.println(missedCaller + " (no booking) rings " + LocalStack.VIRTUAL_NUMBER
                + ", is put through to the restaurant, which does not answer: one text and guest.missed_call");
        List<String> missedCallFacts = List.of("guest.missed_call");
        int textsPrinted = 0;
        AssistantScene assistant = new AssistantScene(platform, sandbox, out);
        assistant.start();
        out.println();

        Set<String> printed = new HashSet<>();
        Set<String> phones = new HashSet<>();
        scenarios.values().forEach(scenario -> phones.add(scenario.phone()));
        phones.add(missedCaller);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<PlatformClient.Received> received = platform.received();
            for (PlatformClient.Received r : received) {
                if (scenarios.containsKey(r.subjectId()) && printed.add(r.webhookId())) {
                    out.println(String.format(
                            "%s  %-14s attempt %s  %-18s %s",
                            LocalTime.now(ZoneId.systemDefault()).format(TIME),
                            r.subjectId(),
                            r.attempt(),
                            r.completion() ? "(call completed)" : r.status() + how(r),
                            r.reason() == null ? "" : r.reason()));
                } else if (r.guestFact() && phones.contains(r.phone()) && printed.add(r.webhookId())) {
                    out.println(String.format(
                            "%s  %-14s %s",
                            LocalTime.now(ZoneId.systemDefault()).format(TIME), r.phone(), r.type()));
                }
            }
            if (!calledBack && statuses(received, callBack).contains("TEXTED")) {
                sandbox.callIn(callBackGuest, LocalStack.VIRTUAL_NUMBER, List.of("1"), null);
                calledBack = true;
                out.println(String.format(
                        "%s  %-14s rings %s back and presses 1", now(), callBackGuest, LocalStack.VIRTUAL_NUMBER));
            }
            List<tools.jackson.databind.JsonNode> texts = sandbox.texts(missedCaller);
            for (; textsPrinted < texts.size(); textsPrinted++) {
                out.println(String.format(
                        "%s  %-14s texted: %s",
                        now(),
                        missedCaller,
                        texts.get(textsPrinted).path("text").asString()));
            }
            boolean callBackDone = received.stream()
                    .anyMatch(r -> callBack.equals(r.subjectId())
                            && "CONFIRMED".equals(r.status())
                            && "INBOUND_CALL".equals(r.channel()));
            boolean missedCallDone =
                    texts.size() == 1 && guestFacts(received, missedCaller).equals(missedCallFacts);
            boolean assistantDone = assistant.step(received);
            if (callBackDone
                    && missedCallDone
                    && assistantDone
                    && scenarios.entrySet().stream()
                            .allMatch(e -> received.stream()
                                            .filter(r -> e.getKey().equals(r.subjectId()) && !r.completion())
                                            .map(PlatformClient.Received::status)
                                            .toList()
                                            .equals(e.getValue().expectedStatuses())
                                    && received.stream()
                                                    .filter(r -> e.getKey().equals(r.subjectId()) && r.completion())
                                                    .count()
                                            == e.getValue().sessions()
                                    && guestFacts(received, e.getValue().phone())
                                            .equals(e.getValue().guestFacts()))) {
                out.println();
                out.println("All " + scenarios.size() + " outcomes, the missed call and the assistant's change request"
                        + " arrived at the platform as expected.");
                return true;
            }
            Thread.sleep(500);
        }
        out.println();
        out.println("Not every outcome arrived within " + timeout + ":");
        scenarios.forEach((id, scenario) -> {
            List<String> got = statuses(id);
            if (!got.equals(scenario.expectedStatuses())) {
                out.println("  " + id + " (" + scenario.name() + "): expected " + scenario.expectedStatuses() + ", got "
                        + got);
            }
            List<String> facts = guestFacts(platform.received(), scenario.phone());
            if (!facts.equals(scenario.guestFacts())) {
                out.println("  " + scenario.phone() + " (" + scenario.name() + "): expected " + scenario.guestFacts()
                        + ", got " + facts);
            }
            int completions = platform.completions(id).size();
            if (completions != scenario.sessions()) {
                out.println("  " + id + " (" + scenario.name() + "): expected " + scenario.sessions()
                        + " call.completed, got " + completions);
            }
        });
        List<String> missedFacts = guestFacts(platform.received(), missedCaller);
        int missedTexts = sandbox.texts(missedCaller).size();
        if (!missedFacts.equals(missedCallFacts) || missedTexts != 1) {
            out.println("  " + missedCaller + " (missed call): expected " + missedCallFacts + " and 1 text, got "
                    + missedFacts + " and " + missedTexts + " texts");
        }
        if (platform.received(callBack).stream().noneMatch(r -> "INBOUND_CALL".equals(r.channel()))) {
            out.println("  " + callBack + ": no change on the INBOUND_CALL channel ("
                    + (calledBack
                            ? "rang back; see GET http://127.0.0.1:8089/sandbox/calls"
                            : "never texted, so never rang back")
                    + ")");
        }
        assistant.problems(platform.received()).forEach(problem -> out.println("  " + problem + " (assistant)"));
        out.println("See the logs in local-stack/target/local-logs, GET http://127.0.0.1:8089/sandbox/calls,"
                + " GET http://127.0.0.1:8089/sandbox/sms?destination=<phone> and what the assistant was asked,"
                + " GET http://127.0.0.1:8091/sandbox/requests.");
        return false;
    }

    /** How the guest was reached or answered, when not by our call. */
    private static String how(PlatformClient.Received r) {
        if ("SMS".equals(r.channel()) && !"TEXTED".equals(r.status())) {
            return " by text";
        }
        return "INBOUND_CALL".equals(r.channel()) ? " on a call-back" : "";
    }

    private static String now() {
        return LocalTime.now(ZoneId.systemDefault()).format(TIME);
    }

    private static List<String> statuses(List<PlatformClient.Received> received, String subjectId) {
        return received.stream()
                .filter(r -> subjectId.equals(r.subjectId()) && !r.completion())
                .map(PlatformClient.Received::status)
                .toList();
    }

    /** The types of the guest facts the platform received for {@code phone}, in order. */
    private static List<String> guestFacts(List<PlatformClient.Received> received, String phone) {
        return received.stream()
                .filter(r -> r.guestFact() && phone.equals(r.phone()))
                .map(PlatformClient.Received::type)
                .toList();
    }

    private List<String> statuses(String subjectId) {
        return platform.received(subjectId).stream()
                .map(PlatformClient.Received::status)
                .toList();
    }
}
