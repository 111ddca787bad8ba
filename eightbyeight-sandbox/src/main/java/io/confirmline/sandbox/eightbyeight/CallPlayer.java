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
package io.confirmline.sandbox.eightbyeight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays calls as 8x8 would. An outbound call (an accepted callflow): the phone rings, the simulated guest answers or
 * not, prompts are spoken, key presses go to the VCA webhook whose reply callflow is then played. An inbound call
 * (a person ringing a virtual number): the {@code CALL_RECEIVED} VCA's reply is the callflow. In both, a
 * {@code makeCall} in a reply bridges to "the restaurant", and when the session ends the VSS webhook gets its
 * summary. Payloads follow 8x8-voice-api.md §3.1, §4.1 and §11.
 */
@Component
class CallPlayer {

    private static final Logger log = LoggerFactory.getLogger(CallPlayer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A VCA reply loop cannot run forever. */
    private static final int MAX_ACTIONS = 20;
    /** How long the sandbox waits for a VCA reply (8x8's own limit is not documented). */
    private static final Duration VCA_TIMEOUT = Duration.ofSeconds(10);

    /** What the sandbox did in one call, for {@code GET /sandbox/calls}. */
    record PlayedCall(
            String sessionId,
            String subaccountId,
            String destination,
            String behaviour,
            String clientRequestId,
            Instant placedAt,
            List<String> events) {}

    /**
     * A person calling a virtual number ({@code POST /sandbox/inbound-calls}).
     *
     * @param digits the keys pressed at each prompt, in order; a prompt beyond them gets no input
     * @param restaurantAnswers whether a bridge from this call is answered; empty: the restaurant's own setting
     * @param shape the {@code eventType} carrying {@code CALL_RECEIVED}: {@code CALL_ACTION} or {@code CALL_STATUS}
     * @param duplicate deliver every webhook of the call twice
     */
    record InboundCall(
            String from,
            String to,
            List<String> digits,
            Optional<Boolean> restaurantAnswers,
            String shape,
            boolean duplicate) {}

    /** A webhook answered with a status other than 2xx. */
    private static final class Refused extends RuntimeException {
        Refused(int status) {
            super("HTTP " + status, null, false, false);
        }
    }

    private final SandboxProperties properties;
    private final WebhookRegistry webhooks;
    private final Restaurants restaurants;
    private final Clock clock;
    private final WebClient http;
    private final Map<String, GuestBehaviour> overrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsPerNumber = new ConcurrentHashMap<>();
    /** Appended at every call: a copy-on-write list would copy all of them each time. */
    private final Queue<PlayedCall> played = new ConcurrentLinkedQueue<>();

    private final Map<String, SessionLog> sessions = new ConcurrentHashMap<>();

    /** {@code webClients}: Boot's builder, so the webhooks share its codecs, connection pool and observations. */
    CallPlayer(
            SandboxProperties properties,
            WebhookRegistry webhooks,
            Restaurants restaurants,
            Clock clock,
            WebClient.Builder webClients) {
        this.http = webClients.build();
        this.properties = properties;
        this.webhooks = webhooks;
        this.restaurants = restaurants;
        this.clock = clock;
    }

    /** 8x8's timestamps carry milliseconds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    void override(String number, GuestBehaviour behaviour) {
        overrides.put(Numbers.normalised(number), behaviour);
    }

    List<PlayedCall> calls() {
        return List.copyOf(played);
    }

    Optional<SessionLog> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** What the guest at this number does on the next call (without counting it as a call). */
    GuestBehaviour behaviourFor(String destination) {
        String number = Numbers.normalised(destination);
        return overrides.getOrDefault(number, GuestBehaviour.forNumber(number));
    }

    /** A request held and then refused: listed, with no session, so a test sees that it arrived. */
    void refused(SandboxProperties.Subaccount subaccount, String destination, JsonNode request, String what) {
        PlayedCall call = new PlayedCall(
                null,
                subaccount.id(),
                Numbers.normalised(destination),
                behaviourFor(destination).name(),
                request.path("clientRequestId").asString(null),
                now(),
                new CopyOnWriteArrayList<>());
        call.events().add(now() + " " + what);
        played.add(call);
    }

    /** A call session in progress. */
    private final class Call {
        final SandboxProperties.Subaccount subaccount;
        final String sessionId;
        final CallLeg callA;
        /** The simulated guest of an outbound call; null for an inbound call, whose caller follows {@link #digits}. */
        final GuestBehaviour guest;

        final List<String> digits;
        final Optional<Boolean> restaurantAnswers;
        final boolean duplicate;
        final PlayedCall record;
        final SessionLog log;
        CallLeg callB;
        /** The last VCA reply's {@code clientActionId}, echoed in the next VCA (8x8-voice-api.md §3.1). */
        String clientActionId;

        int captures;
        int actions;
        String lastAction = "MAKE_CALL";

        /** An outbound call from Send Callflow. */
        Call(SandboxProperties.Subaccount subaccount, String sessionId, JsonNode request) {
            this.subaccount = subaccount;
            this.sessionId = sessionId;
            JsonNode makeCall = request.get("callflow").get(0).get("params");
            this.callA = new CallLeg(
                    "OUTBOUND",
                    Numbers.normalised(makeCall.get("source").asString()),
                    Numbers.normalised(makeCall.get("destination").asString()),
                    now());
            int call = callsPerNumber
                    .computeIfAbsent(callA.destination, n -> new AtomicInteger())
                    .incrementAndGet();
            GuestBehaviour behaviour = behaviourFor(callA.destination);
            this.guest = behaviour == GuestBehaviour.ANSWERS_SECOND_CALL && call == 1
                    ? GuestBehaviour.NEVER_ANSWERS
                    : behaviour;
            this.digits = List.of();
            this.restaurantAnswers = Optional.empty();
            this.duplicate = properties.duplicateWebhooks();
            this.record = new PlayedCall(
                    sessionId,
                    subaccount.id(),
                    callA.destination,
                    behaviour.name(),
                    request.path("clientRequestId").asString(null),
                    callA.initiated,
                    new CopyOnWriteArrayList<>());
            this.log = new SessionLog(
                    sessionId,
                    subaccount.id(),
                    "OUTBOUND",
                    callA.source,
                    callA.destination,
                    null,
                    duplicate,
                    null,
                    callA.initiated,
                    record.events());
        }

        /** A person calling one of the subaccount's virtual numbers. */
        Call(SandboxProperties.Subaccount subaccount, String sessionId, InboundCall request) {
            this.subaccount = subaccount;
            this.sessionId = sessionId;
            this.callA =
                    new CallLeg("INBOUND", Numbers.normalised(request.from()), Numbers.normalised(request.to()), now());
            this.guest = null;
            this.digits = List.copyOf(request.digits());
            this.restaurantAnswers = request.restaurantAnswers();
            this.duplicate = properties.duplicateWebhooks() || request.duplicate();
            this.record = new PlayedCall(
                    sessionId,
                    subaccount.id(),
                    callA.destination,
                    "INBOUND",
                    null,
                    callA.initiated,
                    new CopyOnWriteArrayList<>());
            this.log = new SessionLog(
                    sessionId,
                    subaccount.id(),
                    "INBOUND",
                    callA.source,
                    callA.destination,
                    request.shape(),
                    duplicate,
                    digits,
                    callA.initiated,
                    record.events());
        }

        boolean inbound() {
            return guest == null;
        }

        /** The keys pressed at the {@code capture}-th prompt (1-based); null is no input. */
        String keysAt(int capture) {
            if (!inbound()) {
                return guest.keysAt(capture);
            }
            return capture <= digits.size() ? digits.get(capture - 1) : null;
        }

        void event(String what) {
            record.events().add(now() + " " + what);
        }
    }

    private void start(Call call) {
        played.add(call.record);
        sessions.put(call.sessionId, call.log);
    }

    void play(SandboxProperties.Subaccount subaccount, String sessionId, JsonNode request) {
        Call call = new Call(subaccount, sessionId, request);
        start(call);
        call.event("ringing (" + call.guest + ")");
        Mono.delay(properties.ringTime())
                .then(Mono.defer(() -> switch (call.guest) {
                    case NEVER_ANSWERS -> end(call, "NO_ANSWER", null);
                    case BUSY -> end(call, "BUSY", null);
                    default -> {
                        call.callA.connected = now();
                        call.event("answered");
                        List<JsonNode> rest = new ArrayList<>();
                        request.get("callflow").forEach(rest::add);
                        yield run(call, rest.subList(1, rest.size()));
                    }
                }))
                .subscribe(done -> {}, error -> log.warn("Sandbox call {} failed: {}", sessionId, error.toString()));
    }

    /**
     * Places an inbound call: a new session whose {@code CALL_RECEIVED} goes to the subaccount's VCA webhook at once;
     * its reply is the callflow played to the caller. Answers the session id.
     */
    String placeInbound(SandboxProperties.Subaccount subaccount, InboundCall request) {
        String sessionId = UUID.randomUUID().toString();
        Call call = new Call(subaccount, sessionId, request);
        start(call);
        call.event("incoming call from " + call.callA.source + " to " + call.callA.destination + " (" + request.shape()
                + ")");
        Map<String, Object> received = callReceived(call, request.shape());
        Mono.defer(() -> postVca(call, received))
                .flatMap(reply -> {
                    // 8x8 picks up the caller's leg to play the callflow the reply gave.
                    call.callA.connected = now();
                    return played(call, reply);
                })
                .onErrorResume(error -> {
                    call.event("VCA failed: " + error);
                    return end(call, "ERROR", -2003);
                })
                .subscribe(done -> {}, error -> log.warn("Sandbox call {} failed: {}", sessionId, error.toString()));
        return sessionId;
    }

    /** Plays a VCA reply: its callflow, with its {@code clientActionId} kept for the next VCA. */
    private Mono<Void> played(Call call, String reply) {
        JsonNode body = JSON.readTree(reply);
        call.clientActionId = body.path("clientActionId").asString(null);
        List<JsonNode> next = new ArrayList<>();
        body.path("callflow").forEach(next::add);
        call.event("VCA reply: " + reply);
        return run(call, next);
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
                call.event("say x" + params.path("repetition").asInt(1) + ": "
                        + params.path("text").asString(""));
                yield Mono.delay(properties
                                .speechTime()
                                .multipliedBy(
                                        Math.max(1, params.path("repetition").asInt(1))))
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
            case "makeCall" -> bridge(call, params);
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
        String keys = call.keysAt(capture);
        Duration wait = keys == null
                ? Duration.ofMillis(Math.min(
                        params.path("overallTimeout").asLong(5000),
                        properties.speechTime().toMillis() * 2))
                : properties.reactionTime();
        return Mono.delay(properties.speechTime().plus(wait)).then(Mono.defer(() -> {
            call.event(keys == null ? "no key pressed" : "pressed " + keys);
            return postVca(call, keysPressed(call, keys))
                    .flatMap(reply -> played(call, reply))
                    .onErrorResume(error -> {
                        call.event("VCA failed: " + error);
                        return end(call, "ERROR", -2003);
                    });
        }));
    }

    /**
     * A {@code makeCall} in a VCA reply: 8x8 dials the second leg and connects the caller to it (8x8-voice-api.md
     * §11). The restaurant picks up or not ({@link Restaurants}); either way the session then ends, with the bridged
     * leg as the summary's "callB".
     */
    private Mono<Void> bridge(Call call, JsonNode params) {
        call.lastAction = "MAKE_CALL";
        String source = params.path("source").asString(null);
        String destination = params.path("destination").asString(null);
        if (!Numbers.valid(source) || !Numbers.valid(destination)) {
            call.event("makeCall refused: source and destination must be E.164 numbers");
            return end(call, "ERROR", -2003);
        }
        CallLeg leg = new CallLeg("OUTBOUND", Numbers.normalised(source), Numbers.normalised(destination), now());
        call.callB = leg;
        boolean answers = restaurants.answers(leg.destination, call.restaurantAnswers);
        call.event("dialling the restaurant " + leg.destination + " from " + leg.source);
        call.log.bridge(new SessionLog.Bridge(leg.source, leg.destination, "RINGING", null));
        return Mono.delay(properties.ringTime()).then(Mono.defer(() -> {
            if (!answers) {
                leg.end(now(), "NO_ANSWER");
                call.event("the restaurant did not answer");
                call.log.bridge(new SessionLog.Bridge(leg.source, leg.destination, "NO_ANSWER", null));
                return end(call, "COMPLETED", null);
            }
            leg.connected = now();
            call.event("the restaurant answered");
            call.log.bridge(new SessionLog.Bridge(leg.source, leg.destination, "COMPLETED", leg.connected));
            // The guest and the restaurant talk for a moment, then hang up.
            return Mono.delay(properties.speechTime()).then(Mono.defer(() -> {
                leg.end(now(), "COMPLETED");
                return end(call, "COMPLETED", null);
            }));
        }));
    }

    /** The VCA of an inbound call (8x8-voice-api.md §11): {@code CALL_ACTION} (number masking) or {@code CALL_STATUS}. */
    private Map<String, Object> callReceived(Call call, String shape) {
        Map<String, Object> payload = payload(call, "CALL_RECEIVED");
        payload.put("callDuration", 0);
        payload.put("sipCode", 200);
        payload.put("timestamp", now().toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("namespace", "VOICE");
        event.put("eventType", shape);
        event.put("description", "CALL_STATUS".equals(shape) ? "Status update of a call" : "Action request of a call");
        event.put("payload", payload);
        return event;
    }

    /** The VCA after a prompt (8x8-voice-api.md §3.1): the digits, null when nothing was pressed. */
    private Map<String, Object> keysPressed(Call call, String keys) {
        Map<String, Object> payload = payload(call, "ACTION_COMPLETED");
        payload.put(
                "callDuration", Duration.between(call.callA.connected, now()).toSeconds());
        Map<String, Object> eventData = new LinkedHashMap<>();
        eventData.put("dtmf", keys);
        payload.put("eventData", eventData);
        payload.put("sipCode", 200);
        payload.put("timestamp", now().toString());
        if (call.clientActionId != null) {
            payload.put("clientActionId", call.clientActionId);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("namespace", "VOICE");
        event.put("eventType", "CALL_ACTION");
        event.put("description", "Action request of a call");
        event.put("payload", payload);
        return event;
    }

    private Map<String, Object> payload(Call call, String callStatus) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", UUID.randomUUID().toString());
        payload.put("callId", call.callA.callId);
        payload.put("sessionId", call.sessionId);
        payload.put("subAccountId", call.subaccount.id());
        payload.put("callStatus", callStatus);
        payload.put("callDirection", call.callA.direction);
        payload.put("callType", "PSTN");
        payload.put("source", call.callA.source);
        payload.put("destination", call.callA.destination);
        payload.put("sourceFormat", "MSISDN");
        payload.put("destinationFormat", "MSISDN");
        return payload;
    }

    private Mono<Void> end(Call call, String status, Integer errorCode) {
        Instant ended = now();
        call.event("ended: " + status);
        call.callA.end(ended, status);
        if (call.callB != null) {
            call.callB.end(ended, call.callB.connected != null ? "COMPLETED" : "NO_ANSWER");
        }
        call.log.ended(status);
        if (call.guest == GuestBehaviour.SUMMARY_LOST) {
            call.event("session summary not sent (SUMMARY_LOST)");
            call.log.closed();
            return Mono.empty();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sessionId", call.sessionId);
        payload.put("subAccountId", call.subaccount.id());
        payload.put("sessionStatus", status);
        payload.put("startTime", call.callA.initiated.toString());
        payload.put("endTime", ended.toString());
        payload.put("lastAction", call.lastAction);
        payload.put("callCount", call.callB == null ? 1 : 2);
        if (call.record.clientRequestId() != null) {
            payload.put("clientRequestId", call.record.clientRequestId());
        }
        if (errorCode != null) {
            payload.put(
                    "errorDetails", Map.of("errorMsg", "The call flow provided is invalid", "errorCode", errorCode));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("callA", call.callA.summary());
        if (call.callB != null) {
            details.put("callB", call.callB.summary());
        }
        payload.put("details", details);
        Map<String, Object> vss = new LinkedHashMap<>();
        vss.put("namespace", "VOICE");
        vss.put("eventType", "SESSION_SUMMARY");
        vss.put("description", "Summary of a completed call session");
        vss.put("version", 5);
        vss.put("payload", payload);
        // 8x8's redelivery is not documented; the sandbox tries a few times, as a careful sender would.
        Mono<String> post =
                Mono.defer(() -> post(call, "VSS", vss)).retryWhen(Retry.backoff(5, Duration.ofMillis(500)));
        return (call.duplicate ? post.then(post) : post)
                .doOnSuccess(ok -> call.event("VSS delivered"))
                .onErrorResume(error -> {
                    call.event("VSS failed: " + error);
                    return Mono.empty();
                })
                .doFinally(signal -> call.log.closed())
                .then();
    }

    /** Posts a VCA (twice when the call duplicates its webhooks) and answers the reply that is played: the last. */
    private Mono<String> postVca(Call call, Map<String, Object> vca) {
        Mono<String> post = Mono.defer(() -> post(call, "VCA", vca));
        return call.duplicate ? post.then(post) : post;
    }

    /** One webhook attempt, recorded in the session's log with its answer; a non-2xx answer is an error. */
    private Mono<String> post(Call call, String type, Map<String, Object> body) {
        WebhookRegistry.Target target = webhooks.target(call.subaccount, type);
        return http.post()
                .uri(target.url())
                .headers(headers -> authorize(headers, target))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(reply -> {
                            int status = response.statusCode().value();
                            call.log.webhook(new SessionLog.Webhook(type, body, status, readable(reply), null, now()));
                            if (!response.statusCode().is2xxSuccessful()) {
                                throw new Refused(status);
                            }
                            return reply;
                        }))
                .timeout(VCA_TIMEOUT)
                .doOnError(error -> {
                    if (!(error instanceof Refused)) {
                        call.log.webhook(new SessionLog.Webhook(type, body, null, null, error.toString(), now()));
                    }
                });
    }

    /** A webhook's answer as JSON when it is, else as a JSON string; null when empty. */
    private static JsonNode readable(String reply) {
        if (reply.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(reply);
        } catch (RuntimeException notJson) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(reply);
        }
    }

    /** 8x8 sends the registered httpAuthHeader as the Authorization value; none when none was registered. */
    private static void authorize(HttpHeaders headers, WebhookRegistry.Target target) {
        if (target.authorization() != null && !target.authorization().isEmpty()) {
            headers.set(HttpHeaders.AUTHORIZATION, target.authorization());
        }
    }
}
