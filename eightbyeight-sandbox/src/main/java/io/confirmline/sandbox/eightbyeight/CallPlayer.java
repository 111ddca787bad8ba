package io.confirmline.sandbox.eightbyeight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays an accepted callflow as 8x8 would: the phone rings, the simulated guest answers or not, prompts are
 * spoken, key presses go to the VCA webhook whose reply callflow is then played (say, hangup, another
 * sayAndCapture), and when the call ends the VSS webhook gets the session summary. Payloads follow
 * 8x8-voice-api.md §3.1 and §4.1.
 */
@Component
class CallPlayer {

    private static final Logger log = LoggerFactory.getLogger(CallPlayer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A VCA reply loop cannot run forever. */
    private static final int MAX_ACTIONS = 20;

    /** What the sandbox did in one call, for {@code GET /sandbox/calls}. */
    record PlayedCall(String sessionId, String subaccountId, String destination, String behaviour,
            String clientRequestId, Instant placedAt, List<String> events) {
    }

    private final SandboxProperties properties;
    private final WebhookRegistry webhooks;
    private final Clock clock;
    private final WebClient http = WebClient.builder().build();
    private final Map<String, GuestBehaviour> overrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsPerNumber = new ConcurrentHashMap<>();
    private final List<PlayedCall> played = new CopyOnWriteArrayList<>();

    CallPlayer(SandboxProperties properties, WebhookRegistry webhooks, Clock clock) {
        this.properties = properties;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** 8x8's timestamps carry milliseconds. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    void override(String number, GuestBehaviour behaviour) {
        overrides.put(normalised(number), behaviour);
    }

    List<PlayedCall> calls() {
        return List.copyOf(played);
    }

    /** What the guest at this number does on the next call (without counting it as a call). */
    GuestBehaviour behaviourFor(String destination) {
        String number = normalised(destination);
        return overrides.getOrDefault(number, GuestBehaviour.forNumber(number));
    }

    /** A request held and then refused: listed, with no session, so a test sees that it arrived. */
    void refused(SandboxProperties.Subaccount subaccount, String destination, JsonNode request, String what) {
        PlayedCall call = new PlayedCall(null, subaccount.id(), normalised(destination), behaviourFor(destination).name(),
                request.path("clientRequestId").asString(null), now(), new CopyOnWriteArrayList<>());
        call.events().add(now() + " " + what);
        played.add(call);
    }

    private static String normalised(String number) {
        return number.startsWith("+") ? number : "+" + number;
    }

    /** A call in progress. */
    private final class Call {
        final SandboxProperties.Subaccount subaccount;
        final String sessionId;
        final String source;
        final String destination;
        final GuestBehaviour guest;
        final String callId = UUID.randomUUID().toString();
        final Instant initiated = now();
        final PlayedCall record;
        Instant connected;
        int captures;
        int actions;
        String lastAction = "MAKE_CALL";

        Call(SandboxProperties.Subaccount subaccount, String sessionId, JsonNode request) {
            this.subaccount = subaccount;
            this.sessionId = sessionId;
            JsonNode makeCall = request.get("callflow").get(0).get("params");
            this.source = normalised(makeCall.get("source").asString());
            this.destination = normalised(makeCall.get("destination").asString());
            int call = callsPerNumber.computeIfAbsent(destination, n -> new AtomicInteger()).incrementAndGet();
            GuestBehaviour behaviour = overrides.getOrDefault(destination, GuestBehaviour.forNumber(destination));
            this.guest = behaviour == GuestBehaviour.ANSWERS_SECOND_CALL && call == 1 ? GuestBehaviour.NEVER_ANSWERS : behaviour;
            this.record = new PlayedCall(sessionId, subaccount.id(), destination, behaviour.name(),
                    request.path("clientRequestId").asString(null), initiated, new CopyOnWriteArrayList<>());
        }

        void event(String what) {
            record.events().add(now() + " " + what);
        }
    }

    void play(SandboxProperties.Subaccount subaccount, String sessionId, JsonNode request) {
        Call call = new Call(subaccount, sessionId, request);
        played.add(call.record);
        call.event("ringing (" + call.guest + ")");
        Mono.delay(properties.ringTime())
                .then(Mono.defer(() -> switch (call.guest) {
                    case NEVER_ANSWERS -> end(call, "NO_ANSWER", null);
                    case BUSY -> end(call, "BUSY", null);
                    default -> {
                        call.connected = now();
                        call.event("answered");
                        List<JsonNode> rest = new ArrayList<>();
                        request.get("callflow").forEach(rest::add);
                        yield run(call, rest.subList(1, rest.size()));
                    }
                }))
                .subscribe(done -> { }, error -> log.warn("Sandbox call {} failed: {}", sessionId, error.toString()));
    }

    /** Plays the actions in order; a sayAndCapture hands the rest of the call to the VCA reply. */
    private Mono<Void> run(Call call, List<JsonNode> actions) {
        if (actions.isEmpty() || ++call.actions > MAX_ACTIONS) {
            return end(call, "COMPLETED", null);
        }
        JsonNode action = actions.get(0);
        List<JsonNode> rest = actions.subList(1, actions.size());
        JsonNode params = action.path("params");
        return switch (action.path("action").asString("")) {
            case "say" -> {
                call.lastAction = "SAY";
                call.event("say x" + params.path("repetition").asInt(1) + ": " + params.path("text").asString(""));
                yield Mono.delay(properties.speechTime().multipliedBy(Math.max(1, params.path("repetition").asInt(1))))
                        .then(Mono.defer(() -> run(call, rest)));
            }
            case "playFile" -> {
                call.lastAction = "PLAY_FILE";
                yield Mono.delay(properties.speechTime()).then(Mono.defer(() -> run(call, rest)));
            }
            case "hangup" -> {
                call.lastAction = "HANGUP";
                call.event("hangup");
                yield end(call, "COMPLETED", null);
            }
            case "sayAndCapture" -> capture(call, params);
            default -> end(call, "ERROR", -2003);
        };
    }

    private Mono<Void> capture(Call call, JsonNode params) {
        call.lastAction = "SAY_AND_CAPTURE";
        call.event("prompt: " + params.path("promptMessage").asString(""));
        if (call.guest == GuestBehaviour.HANGS_UP) {
            return Mono.delay(properties.speechTime().dividedBy(2)).then(Mono.defer(() -> {
                call.event("the guest hung up during the prompt");
                return end(call, "COMPLETED", null);
            }));
        }
        int capture = ++call.captures;
        String keys = call.guest.keysAt(capture);
        Duration wait = keys == null ? Duration.ofMillis(Math.min(params.path("overallTimeout").asLong(5000),
                properties.speechTime().toMillis() * 2)) : properties.reactionTime();
        return Mono.delay(properties.speechTime().plus(wait)).then(Mono.defer(() -> {
            call.event(keys == null ? "no key pressed" : "pressed " + keys);
            Map<String, Object> vca = vca(call, keys);
            WebhookRegistry.Target target = webhooks.target(call.subaccount, "VCA");
            Mono<String> post = http.post().uri(target.url())
                    .headers(headers -> authorize(headers, target))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(vca)
                    .retrieve().bodyToMono(String.class);
            return (properties.duplicateWebhooks() ? post.then(post) : post)
                    .timeout(Duration.ofSeconds(10))
                    .flatMap(reply -> {
                        JsonNode callflow = JSON.readTree(reply).path("callflow");
                        List<JsonNode> next = new ArrayList<>();
                        callflow.forEach(next::add);
                        call.event("VCA reply: " + reply);
                        return run(call, next);
                    })
                    .onErrorResume(error -> {
                        call.event("VCA failed: " + error);
                        return end(call, "ERROR", -2003);
                    });
        }));
    }

    private Map<String, Object> vca(Call call, String keys) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", UUID.randomUUID().toString());
        payload.put("callId", call.callId);
        payload.put("sessionId", call.sessionId);
        payload.put("subAccountId", call.subaccount.id());
        payload.put("callStatus", "ACTION_COMPLETED");
        payload.put("callDirection", "OUTBOUND");
        payload.put("callType", "PSTN");
        payload.put("source", call.source);
        payload.put("destination", call.destination);
        payload.put("sourceFormat", "MSISDN");
        payload.put("destinationFormat", "MSISDN");
        payload.put("callDuration", Duration.between(call.connected, now()).toSeconds());
        Map<String, Object> eventData = new LinkedHashMap<>();
        eventData.put("dtmf", keys);
        payload.put("eventData", eventData);
        payload.put("sipCode", 200);
        payload.put("timestamp", now().toString());
        return Map.of("namespace", "VOICE", "eventType", "CALL_ACTION", "description", "Action request of a call",
                "payload", payload);
    }

    private Mono<Void> end(Call call, String status, Integer errorCode) {
        Instant ended = now();
        call.event("ended: " + status);
        if (call.guest == GuestBehaviour.SUMMARY_LOST) {
            call.event("session summary not sent (SUMMARY_LOST)");
            return Mono.empty();
        }
        Map<String, Object> leg = new LinkedHashMap<>();
        leg.put("callId", call.callId);
        leg.put("callDirection", "OUTBOUND");
        leg.put("callType", "PSTN");
        leg.put("initiatedTimestamp", call.initiated.toString());
        if (call.connected != null) {
            leg.put("connectedTimestamp", call.connected.toString());
        }
        leg.put("disconnectedTimestamp", ended.toString());
        leg.put("source", call.source);
        leg.put("destination", call.destination);
        leg.put("sourceFormat", "MSISDN");
        leg.put("destinationFormat", "MSISDN");
        leg.put("callStatus", status);
        leg.put("callDuration", call.connected == null ? 0 : Duration.between(call.connected, ended).toSeconds());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sessionId", call.sessionId);
        payload.put("subAccountId", call.subaccount.id());
        payload.put("sessionStatus", status);
        payload.put("startTime", call.initiated.toString());
        payload.put("endTime", ended.toString());
        payload.put("lastAction", call.lastAction);
        payload.put("callCount", 1);
        if (call.record.clientRequestId() != null) {
            payload.put("clientRequestId", call.record.clientRequestId());
        }
        if (errorCode != null) {
            payload.put("errorDetails", Map.of("errorMsg", "The call flow provided is invalid", "errorCode", errorCode));
        }
        payload.put("details", Map.of("callA", leg));
        Map<String, Object> vss = Map.of("namespace", "VOICE", "eventType", "SESSION_SUMMARY",
                "description", "Summary of a completed call session", "version", 5, "payload", payload);
        WebhookRegistry.Target target = webhooks.target(call.subaccount, "VSS");
        Mono<?> post = http.post().uri(target.url())
                .headers(headers -> authorize(headers, target))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(vss)
                .retrieve().toBodilessEntity()
                // 8x8's redelivery is not documented; the sandbox tries a few times, as a careful sender would.
                .retryWhen(reactor.util.retry.Retry.backoff(5, Duration.ofMillis(500)));
        return (properties.duplicateWebhooks() ? post.then(post) : post)
                .doOnSuccess(ok -> call.event("VSS delivered"))
                .onErrorResume(error -> {
                    call.event("VSS failed: " + error);
                    return Mono.empty();
                })
                .then();
    }

    /** 8x8 sends the registered httpAuthHeader as the Authorization value; none when none was registered. */
    private static void authorize(HttpHeaders headers, WebhookRegistry.Target target) {
        if (target.authorization() != null && !target.authorization().isEmpty()) {
            headers.set(HttpHeaders.AUTHORIZATION, target.authorization());
        }
    }
}
