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
package io.confirmline.orchestrator.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.Channel;
import io.confirmline.events.ReservationEventType;
import io.confirmline.events.Topics;
import io.confirmline.orchestrator.TestTenant;
import io.confirmline.orchestrator.call.OwnerCallActions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The owner's call actions from the console (design.md §10.5): {@code POST /api/calls/{id}/redial} and
 * {@code /cancel}, with the tenant's key, in the texts tests' Spring context. Tenant {@code ownerco} calls once, at
 * any hour, and has no texts, so an unanswered call ends UNREACHABLE.
 */
class OwnerCallActionComponentTest extends ConversationComponentTestBase {

    static final String TENANT = "ownerco";
    static final String OWNER_KEY = "ownerco-console-key-0123456789";
    static volatile boolean published;

    @BeforeEach
    void tenant() {
        if (published) {
            return;
        }
        console.publish(TestTenant.settings(
                "id=" + TENANT,
                "display-name=Owner's",
                "subaccount-id=ownerco_voice",
                "api-key=ownerco-8x8-key",
                "platform-api-keys[0]=ownerco-platform-key",
                "platform-api-keys[1]=" + OWNER_KEY,
                "caller-id=+34910000060",
                "calling-opens=00:00",
                "calling-closes=23:59:59",
                "minimum-notice=1m",
                "max-attempts=1"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> http.get()
                                .uri("/api/reservations/none/calls")
                                .header("Authorization", "Bearer " + OWNER_KEY)
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 404);
        published = true;
    }

    @Test
    void callingAgainAfterNoAnswerPlacesAnotherCallAtEightByEightAnnouncedOnTheConsoleChannelOnce() throws Exception {
        String id = "r-redial-" + UUID.randomUUID();
        String phone = phone();
        book(TENANT, id, phone, 1, ReservationEventType.CREATED, soon(), "Europe/Madrid");
        CallStatusChanged dialing = await(id, "DIALING");
        kafka.send(Topics.SESSION_SUMMARIES.name(), dialing.getSessionId(), summary(TENANT, dialing.getSessionId()))
                .get();
        String callId = await(id, "UNREACHABLE").getCallId(); // nobody answered
        assertThat(calls.requestsTo(phone)).hasSize(1);

        String key = UUID.randomUUID().toString();
        Map<?, ?> answer = action(callId, "redial", OWNER_KEY, key)
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer.get("status")).isIn("SCHEDULED", "DIALING");
        assertThat(answer.get("attempt")).isEqualTo(2);
        assertThat(answer.get("callId")).isEqualTo(callId);

        // Placed at once, as attempt 2, whatever the tenant's maximum of automatic attempts.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> calls.requestsTo(phone).size() == 2);
        CallStatusChanged scheduled = changes(id).stream()
                .filter(c -> c.getChannel() == Channel.CONSOLE)
                .findFirst()
                .orElseThrow();
        assertThat(scheduled.getPreviousStatus().name()).isEqualTo("UNREACHABLE");
        assertThat(scheduled.getStatus().name()).isEqualTo("SCHEDULED");
        assertThat(scheduled.getAttempt()).isEqualTo(2);
        assertThat(scheduled.getReason()).startsWith("CALL_AGAIN_BY_OWNER");
        assertThat(scheduled.getScheduledFor()).isBefore(Instant.now().plusSeconds(1));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> changes(id).stream()
                        .anyMatch(c -> c.getStatus().name().equals("DIALING") && c.getAttempt() == 2));
        // The console's board hears it too: the booking's snapshot says CONSOLE.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> topics.of(Topics.BOOKINGS.name(), id).stream()
                        .map(r -> (BookingSnapshot) r.value())
                        .anyMatch(s -> s != null && "CONSOLE".equals(s.getChannel())));

        // The same request again (a retry): the same answer, no other call, no other announcement.
        action(callId, "redial", OWNER_KEY, key)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.callId")
                .isEqualTo(callId)
                .jsonPath("$.attempt")
                .isEqualTo(2);
        // A new request while the guest is being called is refused, and says why.
        action(callId, "redial", OWNER_KEY, null)
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("being called"));
        action(callId, "cancel", OWNER_KEY, null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("no longer"));
        // The key of another action is not a retry.
        action(callId, "cancel", OWNER_KEY, key).expectStatus().isEqualTo(422);
        Thread.sleep(600); // three dialer polls
        assertThat(calls.requestsTo(phone)).hasSize(2);
        assertThat(changes(id).stream().filter(c -> c.getChannel() == Channel.CONSOLE))
                .hasSize(1);
    }

    @Test
    void aPendingCallCancelledByTheOwnerIsNeverPlacedAndTheCancellationIsAnnouncedOnce() throws Exception {
        String id = "r-cancel-" + UUID.randomUUID();
        String phone = phone();
        // Due in two and a half hours.
        book(
                TENANT,
                id,
                phone,
                1,
                ReservationEventType.CREATED,
                Instant.now().plus(3, ChronoUnit.HOURS),
                "Europe/Madrid");
        String callId = await(id, "SCHEDULED").getCallId();

        action(callId, "cancel", OWNER_KEY, null)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SKIPPED")
                .jsonPath("$.reason")
                .isEqualTo(OwnerCallActions.CANCELLED_BY_OWNER);
        CallStatusChanged skipped = await(id, "SKIPPED");
        assertThat(skipped.getChannel()).isEqualTo(Channel.CONSOLE);
        assertThat(skipped.getPreviousStatus().name()).isEqualTo("SCHEDULED");
        assertThat(skipped.getReason()).startsWith("CANCELLED_BY_OWNER");

        // Asked again: the same answer, nothing more announced.
        action(callId, "cancel", OWNER_KEY, null)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SKIPPED");
        Thread.sleep(500);
        assertThat(statuses(id).stream().filter("SKIPPED"::equals)).hasSize(1);
        assertThat(countRows("SELECT count(*) AS n FROM call WHERE id = '" + callId + "' AND status = 'SKIPPED' "
                        + "AND lease_until IS NULL"))
                .isEqualTo(1);

        // The owner changes their mind: called now, as the booking still stands.
        action(callId, "redial", OWNER_KEY, null).expectStatus().isAccepted();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> calls.requestsTo(phone).size() == 1);
    }

    @Test
    void callingAScheduledCallAgainBringsItForward() throws Exception {
        String id = "r-forward-" + UUID.randomUUID();
        String phone = phone();
        book(
                TENANT,
                id,
                phone,
                1,
                ReservationEventType.CREATED,
                Instant.now().plus(3, ChronoUnit.HOURS),
                "Europe/Madrid");
        String callId = await(id, "SCHEDULED").getCallId();
        action(callId, "redial", OWNER_KEY, null)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.attempt")
                .isEqualTo(1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> calls.requestsTo(phone).size() == 1);
        assertThat(await(id, "DIALING").getAttempt()).isEqualTo(1);
    }

    @Test
    void anotherTenantsCallOrAnUnknownOneIsNotFoundAndAFinalOneIsAConflict() throws Exception {
        String id = "r-other-" + UUID.randomUUID();
        String phone = phone();
        book(
                TENANT,
                id,
                phone,
                1,
                ReservationEventType.CREATED,
                Instant.now().plus(3, ChronoUnit.HOURS),
                "Europe/Madrid");
        String callId = await(id, "SCHEDULED").getCallId();

        // textco's key for ownerco's call: as if there were none.
        String otherTenants = action(callId, "redial", KEY, null)
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String unknown = action(UUID.randomUUID().toString(), "redial", KEY, null)
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(otherTenants.replace(callId, "ID")).isEqualTo(unknown.replaceAll("[0-9a-f-]{36}", "ID"));
        action(callId, "cancel", KEY, null).expectStatus().isNotFound();
        action("not-a-call", "cancel", OWNER_KEY, null).expectStatus().isNotFound();
        action(callId, "cancel", null, null).expectStatus().isUnauthorized();
        action(callId, "cancel", OWNER_KEY, "x".repeat(201)).expectStatus().isBadRequest();
        assertThat(statuses(id)).containsExactly("SCHEDULED");

        // Withdrawn by the platform: nothing to call again.
        book(
                TENANT,
                id,
                phone,
                2,
                ReservationEventType.CANCELLED,
                Instant.now().plus(3, ChronoUnit.HOURS),
                "Europe/Madrid");
        await(id, "WITHDRAWN");
        action(callId, "redial", OWNER_KEY, null).expectStatus().isEqualTo(409);
        action(callId, "cancel", OWNER_KEY, null)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("WITHDRAWN"));
    }

    WebTestClient.ResponseSpec action(String callId, String action, String key, String idempotencyKey) {
        return http.post()
                .uri("/api/calls/{id}/{action}", callId, action)
                .headers(headers -> {
                    if (key != null) {
                        headers.set("Authorization", "Bearer " + key);
                    }
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .exchange();
    }

    /** A Spanish mobile number of this test (8x8's fake refuses numbers ending in 9). */
    static String phone() {
        return "+346" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_000_000)) + "1";
    }
}
