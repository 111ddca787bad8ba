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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the demo and the end-to-end tests do as the booking platform, over HTTP. */
public final class PlatformClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // HTTP/1.1: the JDK client's default h2c upgrade was seen to hang a GET of a long /received list for good.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String platformSandbox;
    private final String orchestrator;

    public PlatformClient(String platformSandbox, String orchestrator) {
        this.platformSandbox = platformSandbox;
        this.orchestrator = orchestrator;
    }

    /**
     * A webhook the platform received, as {@code GET /received} lists it: a status change, or ({@code type}
     * {@code call.completed}) a finished call session's summary, whose {@code summary} is then the body's
     * {@code data.summary}. {@code receiver} is the platform of its own it reached (null: the demo tenant's),
     * {@code signedWith} the positions of that platform's secrets that signed it. {@code channel} is how the guest
     * was reached or answered ({@code data.channel}: VOICE, SMS...). A guest fact ({@code guest.opted_out},
     * {@code guest.opted_in}) has no subject and no status; its {@code phone} is the guest's. A guest's change or
     * booking request ({@code reservation.change_requested}, {@code reservation.requested}) has no status either; its
     * {@code request} is the body's {@code data.request} (wantedDate, wantedTime, partySize, words, readBy).
     */
    public record Received(
            String subjectId,
            String status,
            String previousStatus,
            Integer attempt,
            String digits,
            String reason,
            String scheduledFor,
            String webhookId,
            String traceparent,
            String type,
            JsonNode summary,
            String receiver,
            List<Integer> signedWith,
            Instant receivedAt,
            String channel,
            String phone,
            JsonNode request) {

        public boolean completion() {
            return "call.completed".equals(type);
        }

        /** A guest's change or booking request rather than a status change of the booking. */
        public boolean guestRequest() {
            return "reservation.change_requested".equals(type) || "reservation.requested".equals(type);
        }

        public boolean guestFact() {
            return type != null && type.startsWith("guest.");
        }
    }

    /**
     * Publishes a booking through the platform sandbox onto {@code platform.reservations.v1}; returns the
     * {@code traceparent} it was published with (null when not traced).
     */
    public String publishReservation(
            String reservationId, String type, long version, Instant startsAt, String guestPhone) {
        return publishReservation(reservationId, type, version, startsAt, guestPhone, false);
    }

    /** As above; {@code textOnly}: the guest asked to be texted, never called. */
    public String publishReservation(
            String reservationId, String type, long version, Instant startsAt, String guestPhone, boolean textOnly) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of(
                "tenantId",
                LocalStack.TENANT,
                "reservationId",
                reservationId,
                "type",
                type,
                "version",
                version,
                "startsAt",
                startsAt.toString(),
                "guestName",
                "Ana",
                "guestPhone",
                guestPhone,
                "guestLocale",
                "en-GB",
                "venueName",
                "Luigi's",
                "partySize",
                2));
        body.put("textOnly", textOnly);
        JsonNode answer = post(platformSandbox + "/reservations", body, null);
        return text(answer, "traceparent");
    }

    /**
     * Opts a number back in at the demo tenant ({@code DELETE /api/opt-outs/{phone}}, as the platform imports an
     * opt-in); nothing happens when it was not opted out. A demo run against a database kept from an earlier one
     * starts from guests who can all be reached.
     */
    public void optIn(String phone) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(orchestrator + "/api/opt-outs/"
                        + java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + LocalStack.PLATFORM_KEY)
                .DELETE()
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 204 && status != 404) {
                throw new IllegalStateException("DELETE " + request.uri() + " answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("DELETE " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A booking whose call is due now: the tenant's 30-minute lead time from now, plus a few seconds. */
    public static Instant dueNow() {
        return Instant.now().plus(Duration.ofMinutes(30)).plusSeconds(3);
    }

    /** Asks the orchestrator for a voice message over HTTP ({@code POST /api/make-call}); returns the answer. */
    public JsonNode makeCall(Map<String, Object> body) {
        return post(orchestrator + "/api/make-call", body, "Bearer " + LocalStack.PLATFORM_KEY);
    }

    /** {@code POST /api/make-call} as the tenant of {@code platformKey}; the status code, whatever it is. */
    public int makeCallAs(String platformKey, Map<String, Object> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(orchestrator + "/api/make-call"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platformKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sets up a platform of its own on the sandbox — {@code /webhooks/confirmline/{receiver}}, verifying with
     * {@code signingSecrets} — and returns its callback URL.
     */
    public String receiver(String receiver, List<String> signingSecrets) {
        send(HttpRequest.newBuilder(URI.create(platformSandbox + "/receivers/" + receiver))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("signingSecrets", signingSecrets))))
                .build());
        return platformSandbox + "/webhooks/confirmline/" + receiver;
    }

    /** For a failure message: what the orchestrator and the notifier say about a booking or message. */
    public String diagnose(String subjectId, String notifier) {
        StringBuilder out = new StringBuilder();
        for (String url : List.of(
                orchestrator + "/api/reservations/" + subjectId + "/calls",
                notifier + "/api/deliveries?reservationId=" + subjectId)) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + LocalStack.PLATFORM_KEY)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                out.append("\n")
                        .append(url)
                        .append(" → ")
                        .append(response.statusCode())
                        .append(' ')
                        .append(response.body());
            } catch (IOException e) {
                out.append("\n").append(url).append(" failed: ").append(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return out.toString();
    }

    /** Makes the platform answer {@code status} to the next {@code count} webhooks. */
    public void fail(int status, int count) {
        send(HttpRequest.newBuilder(URI.create(platformSandbox + "/behaviour"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"status\":" + status + ",\"delayMillis\":0,\"count\":" + count + "}"))
                .build());
    }

    public List<Received> received() {
        JsonNode list = send(HttpRequest.newBuilder(URI.create(platformSandbox + "/received"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
        List<Received> out = new ArrayList<>();
        list.forEach(r -> out.add(new Received(
                text(r, "subjectId"),
                text(r, "status"),
                text(r, "previousStatus"),
                r.hasNonNull("attempt") ? r.get("attempt").asInt() : null,
                text(r, "digits"),
                text(r, "reason"),
                text(r.path("body").path("data"), "scheduledFor"),
                text(r, "webhookId"),
                text(r, "traceparent"),
                text(r, "type"),
                r.path("body").path("data").get("summary"),
                text(r, "receiver"),
                positions(r.path("signedWith")),
                r.hasNonNull("receivedAt") ? Instant.parse(r.get("receivedAt").asString()) : null,
                text(r.path("body").path("data"), "channel"),
                text(r.path("body").path("data"), "phone"),
                r.path("body").path("data").get("request"))));
        return out;
    }

    /** The guest facts ({@code guest.opted_out}...) of {@code type} the platform received for {@code phone}. */
    public List<Received> guestFacts(String type, String phone) {
        return received().stream()
                .filter(r -> type.equals(r.type()) && phone.equals(r.phone()))
                .toList();
    }

    /**
     * The status changes of one booking or message, in the order received (call.completed events and the guest's
     * change requests left out).
     */
    public List<Received> received(String subjectId) {
        return received().stream()
                .filter(r -> subjectId.equals(r.subjectId()) && !r.completion() && !r.guestRequest())
                .toList();
    }

    /** The {@code reservation.change_requested} webhooks the platform received for one booking, oldest first. */
    public List<Received> changeRequests(String reservationId) {
        return received().stream()
                .filter(r -> reservationId.equals(r.subjectId()) && "reservation.change_requested".equals(r.type()))
                .toList();
    }

    /**
     * Makes the platform sandbox answer a guest's change request by moving the booking (an UPDATED event), as an
     * accommodating platform would ({@code PUT /sandbox/change-requests}).
     */
    public void acceptChangeRequests(boolean accept) {
        send(HttpRequest.newBuilder(URI.create(platformSandbox + "/sandbox/change-requests"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accept\":" + accept + "}"))
                .build());
    }

    /** The call.completed events of one booking or message: one per finished call session. */
    public List<Received> completions(String subjectId) {
        return received().stream()
                .filter(r -> subjectId.equals(r.subjectId()) && r.completion())
                .toList();
    }

    private static List<Integer> positions(JsonNode list) {
        List<Integer> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private JsonNode post(String url, Map<String, Object> body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until a booking published now reaches the platform (as SCHEDULED): healthy services may not have joined
     * their consumer groups yet, and bookings published before that were seen to be skipped on a fresh broker.
     */
    public void awaitBookingsFlow(Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            String id = "bench-ready-" + java.util.UUID.randomUUID();
            publishReservation(id, "CREATED", 1, Instant.now().plus(Duration.ofHours(3)), "+34600100001");
            for (int i = 0; i < 50; i++) {
                if (!received(id).isEmpty()) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("No booking reached the platform within " + atMost.toSeconds() + " s");
    }
}
