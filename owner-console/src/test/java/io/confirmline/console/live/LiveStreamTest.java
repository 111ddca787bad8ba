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
package io.confirmline.console.live;

import static io.confirmline.console.readmodel.ReadModelEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.ConsoleContext;
import io.confirmline.console.PageSession;
import io.confirmline.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * {@code /live} over real HTTP with a signed-in session: a booking's change arrives as an event with the row as
 * the board shows it; a browser that reconnects with Last-Event-ID gets exactly the changes it missed; another
 * tenant's changes never appear (a STAFF user of that tenant sees them instead); a request without a session is
 * refused; the server ends a stream after max-stream (4 s in the test context) with a retry hint.
 */
class LiveStreamTest extends ConsoleContext {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT =
            new ParameterizedTypeReference<>() {};
    private static final String PASSWORD = "live stream password 1";

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String address = "10.71." + ThreadLocalRandom.current().nextInt(1, 250) + "."
            + ThreadLocalRandom.current().nextInt(1, 250);

    @Test
    void aChangeArrivesAndAReconnectWithLastEventIdReplaysExactlyTheMissedOnes() throws Exception {
        String cookie = signIn("alpha", "OWNER");
        String first = "r-live-" + suffix + "-1";
        Stream stream = open(cookie, null);
        publish("alpha", first, "DIALING");

        ServerSentEvent<String> event = stream.next(first);
        assertThat(event.event()).isEqualTo("booking");
        assertThat(event.data())
                .contains(
                        "\"reservationId\":\"" + first + "\"",
                        "\"status\":\"DIALING\"",
                        "\"guestName\":\"Ana María\"",
                        "\"partySize\":4");
        String lastSeen = event.id();
        stream.close();

        // Missed while away: two changes of one booking and one of another.
        String second = "r-live-" + suffix + "-2";
        publish("alpha", first, "CONFIRMED");
        publish("alpha", second, "SCHEDULED");
        awaitRow(second);

        Stream resumed = open(cookie, lastSeen);
        List<ServerSentEvent<String>> replayed = resumed.mine(2, Duration.ofMillis(1500));
        assertThat(replayed)
                .extracting(ServerSentEvent::data)
                .satisfiesExactly(
                        data -> assertThat(data).contains(first, "CONFIRMED"),
                        data -> assertThat(data).contains(second, "SCHEDULED"));
        assertThat(Long.parseLong(replayed.get(0).id())).isGreaterThan(Long.parseLong(lastSeen));
        resumed.close();
    }

    @Test
    void anotherTenantsChangesNeverAppearAndItsStaffSeesThem() throws Exception {
        String alphaCookie = signIn("alpha", "OWNER");
        String bravoCookie = signIn("bravo", "STAFF");
        Stream alpha = open(alphaCookie, null);
        Stream bravo = open(bravoCookie, null);
        String bravoBooking = "r-live-" + suffix + "-bravo";
        String alphaBooking = "r-live-" + suffix + "-alpha";
        publish("bravo", bravoBooking, "CONFIRMED");
        publish("alpha", alphaBooking, "CONFIRMED");

        assertThat(bravo.next(bravoBooking).data()).contains("CONFIRMED");
        alpha.next(alphaBooking);
        assertThat(alpha.all()).noneMatch(e -> e.data() != null && e.data().contains(bravoBooking));
        assertThat(bravo.all()).noneMatch(e -> e.data() != null && e.data().contains(alphaBooking));
        alpha.close();
        bravo.close();
    }

    @Test
    void aRequestWithoutASessionIsRefused() {
        client.get()
                .uri("/live")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.FOUND)
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "/login");
    }

    @Test
    void theServerEndsAStreamAfterMaxStreamWithARetryHintAndBeatsWhileIdle() {
        String cookie = signIn("alpha", "OWNER");
        long started = System.nanoTime();
        List<ServerSentEvent<String>> events = web().get()
                .uri("/live")
                .header(HttpHeaders.COOKIE, cookie)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(EVENT)
                .collectList()
                .block(Duration.ofSeconds(10));
        Duration lasted = Duration.ofNanos(System.nanoTime() - started);

        assertThat(lasted).isBetween(Duration.ofMillis(3500), Duration.ofSeconds(8));
        assertThat(events.get(0).retry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(events).filteredOn(e -> "heartbeat".equals(e.comment())).hasSizeGreaterThanOrEqualTo(2);
    }

    private String signIn(String tenant, String role) {
        String email = "live-" + role.toLowerCase(Locale.ROOT) + "-" + suffix + "-" + tenant + "@example.com";
        onboard(tenant, email, role, PASSWORD, address);
        PageSession session = new PageSession(client, address);
        PageSession.Response signedIn = session.login(email, PASSWORD);
        assertThat(signedIn.status().is3xxRedirection()).isTrue();
        assertThat(signedIn.location()).hasToString("/");
        return PageSession.SESSION_COOKIE + "=" + session.sessionId();
    }

    private void publish(String tenant, String reservation, String status) throws Exception {
        kafka.send(
                        Topics.BOOKINGS.name(),
                        reservation,
                        snapshot(tenant, reservation, 1, status, Instant.now().plusSeconds(3600)))
                .get();
    }

    private void awaitRow(String reservation) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> db.sql("SELECT count(*) FROM booking_view WHERE reservation_id = $1")
                                .bind(0, reservation)
                                .map(r -> r.get(0, Long.class))
                                .one()
                                .block()
                        == 1);
    }

    private WebClient web() {
        return WebClient.create("http://localhost:" + port);
    }

    /**
     * A stream the console has begun to answer: its first frame is sent once the console knows where the stream starts
     * ("now" is the newest change at that moment), so every change committed after this is the stream's. A change
     * published before it would race the page's own start.
     */
    private Stream open(String cookie, String lastEventId) throws InterruptedException {
        Stream stream = new Stream(web(), cookie, lastEventId);
        stream.awaitHello();
        return stream;
    }

    /** One open stream; its events queue up for the test to read. */
    private final class Stream {

        private final LinkedBlockingQueue<ServerSentEvent<String>> events = new LinkedBlockingQueue<>();
        private final List<ServerSentEvent<String>> seen = new ArrayList<>();
        private final Disposable subscription;

        Stream(WebClient web, String cookie, String lastEventId) {
            subscription = web.get()
                    .uri("/live")
                    .header(HttpHeaders.COOKIE, cookie)
                    .headers(headers -> {
                        if (lastEventId != null) {
                            headers.set("Last-Event-ID", lastEventId);
                        }
                    })
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .retrieve()
                    .bodyToFlux(EVENT)
                    .subscribe(events::add);
        }

        /** Waits for the stream's first frame, its hello (the comment "live"). */
        void awaitHello() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                ServerSentEvent<String> event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    seen.add(event);
                    if ("live".equals(event.comment())) {
                        return;
                    }
                }
            }
            throw new AssertionError("The stream sent no hello within 10 s; got " + seen);
        }

        /**
         * The first event about this booking. Ten seconds, not the board's usual second: these tests are about what
         * reaches which page, and a clean-clone CI with every module's JVMs on two cores once took over three.
         */
        ServerSentEvent<String> next(String reservation) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                ServerSentEvent<String> event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    seen.add(event);
                    if (event.data() != null && event.data().contains("\"" + reservation + "\"")) {
                        return event;
                    }
                }
            }
            throw new AssertionError("No event about " + reservation + " within 10 s; got " + seen);
        }

        /** The events about this test's bookings within {@code wait}, expecting {@code count}. */
        List<ServerSentEvent<String>> mine(int count, Duration wait) throws InterruptedException {
            List<ServerSentEvent<String>> mine = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                ServerSentEvent<String> event = events.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && event.data() != null && event.data().contains(suffix)) {
                    mine.add(event);
                }
            }
            assertThat(mine).hasSize(count);
            return mine;
        }

        List<ServerSentEvent<String>> all() {
            events.drainTo(seen);
            return seen;
        }

        void close() {
            subscription.dispose();
        }
    }
}
