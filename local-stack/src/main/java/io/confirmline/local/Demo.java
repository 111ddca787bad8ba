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
 * (with "by text" when the guest answered or was reached by SMS) and each guest fact (an opt-out) as the platform
 * receives it; succeeds when every booking has received exactly its expected changes and every guest her facts.
 */
final class Demo {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PlatformClient platform;
    private final PrintStream out;

    Demo(PlatformClient platform, PrintStream out) {
        this.platform = platform;
        this.out = out;
    }

    boolean run(Duration timeout) throws InterruptedException {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (Scenario scenario : Scenario.everyOutcome()) {
            // A database kept from an earlier run remembers that run's STOP: the guests start reachable again.
            platform.optIn(scenario.phone());
        }
        for (Scenario scenario : Scenario.everyOutcome()) {
            String id = "demo-" + UUID.randomUUID().toString().substring(0, 8);
            platform.publishReservation(id, "CREATED", 1, PlatformClient.dueNow(), scenario.phone(), scenario.textOnly());
            scenarios.put(id, scenario);
            out.println("booked " + id + " for " + scenario.phone() + (scenario.textOnly() ? ", text only" : "")
                    + " (" + scenario.name() + ")");
        }
        String message = "demo-msg-" + UUID.randomUUID().toString().substring(0, 8);
        platform.makeCall(Map.of("type", "VOICE_MESSAGE", "messageId", message, "phone", "+447911100021",
                "locale", "en-GB", "text", "Your table at Luigi's is ready.", "repetitions", 2, "purpose", "NOTICE"));
        scenarios.put(message, new Scenario("voice message: delivered", "+447911100021",
                List.of("SCHEDULED", "DIALING", "DELIVERED"), 1));
        out.println("asked for voice message " + message);
        out.println();

        Set<String> printed = new HashSet<>();
        Set<String> phones = new HashSet<>();
        scenarios.values().forEach(scenario -> phones.add(scenario.phone()));
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<PlatformClient.Received> received = platform.received();
            for (PlatformClient.Received r : received) {
                if (scenarios.containsKey(r.subjectId()) && printed.add(r.webhookId())) {
                    out.println(String.format("%s  %-14s attempt %s  %-18s %s", LocalTime.now(ZoneId.systemDefault()).format(TIME),
                            r.subjectId(), r.attempt(), r.completion() ? "(call completed)"
                                    : r.status() + ("SMS".equals(r.channel()) && !"TEXTED".equals(r.status()) ? " by text" : ""),
                            r.reason() == null ? "" : r.reason()));
                } else if (r.guestFact() && phones.contains(r.phone()) && printed.add(r.webhookId())) {
                    out.println(String.format("%s  %-14s %s", LocalTime.now(ZoneId.systemDefault()).format(TIME),
                            r.phone(), r.type()));
                }
            }
            if (scenarios.entrySet().stream().allMatch(e -> received.stream()
                    .filter(r -> e.getKey().equals(r.subjectId()) && !r.completion())
                    .map(PlatformClient.Received::status).toList().equals(e.getValue().expectedStatuses())
                    && received.stream().filter(r -> e.getKey().equals(r.subjectId()) && r.completion()).count()
                            == e.getValue().sessions()
                    && guestFacts(received, e.getValue().phone()).equals(e.getValue().guestFacts()))) {
                out.println();
                out.println("All " + scenarios.size() + " outcomes arrived at the platform as expected.");
                return true;
            }
            Thread.sleep(500);
        }
        out.println();
        out.println("Not every outcome arrived within " + timeout + ":");
        scenarios.forEach((id, scenario) -> {
            List<String> got = statuses(id);
            if (!got.equals(scenario.expectedStatuses())) {
                out.println("  " + id + " (" + scenario.name() + "): expected " + scenario.expectedStatuses() + ", got " + got);
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
        out.println("See the logs in local-stack/target/local-logs, GET http://127.0.0.1:8089/sandbox/calls and"
                + " GET http://127.0.0.1:8089/sandbox/sms?destination=<phone>.");
        return false;
    }

    /** The types of the guest facts the platform received for {@code phone}, in order. */
    private static List<String> guestFacts(List<PlatformClient.Received> received, String phone) {
        return received.stream().filter(r -> r.guestFact() && phone.equals(r.phone()))
                .map(PlatformClient.Received::type).toList();
    }

    private List<String> statuses(String subjectId) {
        return platform.received(subjectId).stream().map(PlatformClient.Received::status).toList();
    }
}
