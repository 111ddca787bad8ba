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
package io.confirmline.notifier.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.ConversationEvent;
import io.confirmline.events.ConversationEventType;
import io.confirmline.events.GuestDataErased;
import io.confirmline.events.Topics;
import io.confirmline.notifier.NotifierTestSupport;
import io.confirmline.notifier.PlatformStub;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@code GuestDataErased} on the real broker and PostgreSQL: the tenant's finished deliveries of the erased
 * subjects go, with their attempts; a pending one is still delivered; other subjects and other tenants keep theirs;
 * the same event again changes nothing. The guest's facts (guest.opted_out...) go too, found through the erased
 * booking; a pending one is still delivered, without the phone.
 */
@SpringBootTest
class GuestErasureComponentTest {

    static final PlatformStub luigis = new PlatformStub();
    static final PlatformStub otherco = new PlatformStub();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        // A second attempt 8 s after a failed first: long enough for the erasure to find that delivery pending.
        for (String property : NotifierTestSupport.properties(luigis.url(), "0s,8s,8s")) {
            String[] kv = property.split("=", 2);
            registry.add(kv[0], () -> kv[1]);
        }
        registry.add("confirmline.tenants[1].id", () -> "otherco");
        registry.add("confirmline.tenants[1].callback-url", otherco::url);
        registry.add("confirmline.tenants[1].signing-secrets[0]", () -> NotifierTestSupport.SECRET);
        registry.add("confirmline.tenants[1].platform-api-key", () -> "otherco-platform-api-key-0123");
    }

    @AfterAll
    static void stopPlatforms() {
        luigis.close();
        otherco.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    DatabaseClient database;

    @Test
    void anErasureRemovesTheFinishedDeliveriesOfThoseSubjectsOnlyAndTheGuestsNumberFromTheirFacts() throws Exception {
        String delivered = "r-" + UUID.randomUUID();
        String dead = "r-" + UUID.randomUUID();
        String pending = "r-" + UUID.randomUUID();
        String kept = "r-" + UUID.randomUUID();
        String phone = NotifierTestSupport.newPhone();
        String otherPhone = NotifierTestSupport.newPhone();
        String laterBooking = "r-" + UUID.randomUUID();
        luigis.plan(dead, PlatformStub.Plan.status(400));
        luigis.plan(pending, PlatformStub.Plan.status(503));
        luigis.plan(laterBooking, PlatformStub.Plan.status(503));
        for (String subject : List.of(delivered, dead, pending, kept)) {
            kafka.send(
                            Topics.CALL_STATUS.name(),
                            subject,
                            NotifierTestSupport.change("luigis", subject, CallStatus.DIALING, CallStatus.CONFIRMED))
                    .get();
        }
        // The other tenant has a booking with the same id.
        kafka.send(
                        Topics.CALL_STATUS.name(),
                        delivered,
                        NotifierTestSupport.change("otherco", delivered, CallStatus.DIALING, CallStatus.CONFIRMED))
                .get();
        // The guest opted out by replying about the booking to be erased (delivered), then back in about a later
        // booking, which the platform refuses once (still pending at the erasure). Another guest's fact is not theirs.
        ConversationEvent optedOut = NotifierTestSupport.guestFact(
                "luigis", phone, ConversationEventType.OPTED_OUT, "GUEST_TEXT", delivered, "STOP");
        ConversationEvent optedIn = NotifierTestSupport.guestFact(
                "luigis", phone, ConversationEventType.OPTED_IN, "GUEST_TEXT", laterBooking, "START");
        ConversationEvent other = NotifierTestSupport.guestFact(
                "luigis", otherPhone, ConversationEventType.OPTED_OUT, "GUEST_TEXT", kept, "STOP");
        for (ConversationEvent fact : List.of(optedOut, optedIn, other)) {
            kafka.send(Topics.CONVERSATIONS.name(), Topics.conversationKey("luigis", fact.getPhone()), fact)
                    .get();
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> deliveries("luigis", delivered).equals(List.of("SUCCEEDED"))
                        && deliveries("luigis", dead).equals(List.of("DEAD"))
                        && deliveries("luigis", kept).equals(List.of("SUCCEEDED"))
                        && deliveries("otherco", delivered).equals(List.of("SUCCEEDED"))
                        && !luigis.receivedFor(pending).isEmpty()
                        && "SUCCEEDED".equals(fact(optedOut).get("status"))
                        && "SUCCEEDED".equals(fact(other).get("status"))
                        && !luigis.receivedFor(laterBooking).isEmpty());
        assertThat(deliveries("luigis", pending)).containsExactly("PENDING");
        assertThat(fact(optedIn).get("status")).isEqualTo("PENDING");
        UUID deadDelivery = database.sql("SELECT id FROM delivery WHERE tenant_id = 'luigis' AND subject_id = :subject")
                .bind("subject", dead)
                .map(row -> row.get("id", UUID.class))
                .one()
                .block();
        assertThat(attempts(deadDelivery)).isEqualTo(1);

        GuestDataErased erased = erasure("luigis", delivered, dead, pending);
        kafka.send(Topics.GUEST_ERASURES.name(), "luigis", erased).get();

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> deliveries("luigis", delivered).isEmpty()
                        && deliveries("luigis", dead).isEmpty());
        assertThat(attempts(deadDelivery)).as("the dead delivery's attempts").isZero();
        assertThat(deliveries("luigis", kept)).containsExactly("SUCCEEDED");
        assertThat(deliveries("otherco", delivered)).containsExactly("SUCCEEDED");
        // The guest's facts: found through the erased booking, the delivered one is gone; the pending one (about a
        // booking not erased) lost the number, in its body and its queue's key.
        assertThat(fact(optedOut)).isEmpty();
        assertThat(fact(optedIn).get("payload")).doesNotContain(phone).contains("\"phone\":null");
        assertThat(fact(optedIn).get("subject")).doesNotContain(phone);
        assertThat(fact(other).get("payload")).as("another guest's fact").contains(otherPhone);
        // The pending ones are still delivered: the platform must hear every change, and that the guest opted in.
        assertThat(deliveries("luigis", pending)).containsExactly("PENDING");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> deliveries("luigis", pending).equals(List.of("SUCCEEDED"))
                        && "SUCCEEDED".equals(fact(optedIn).get("status")));
        assertThat(luigis.receivedFor(pending))
                .extracting(PlatformStub.Received::answered)
                .containsExactly(503, 200);
        assertThat(luigis.receivedFor(laterBooking))
                .extracting(PlatformStub.Received::answered)
                .containsExactly(503, 200);
        assertThat(luigis.receivedFor(laterBooking).get(1).body())
                .doesNotContain(phone)
                .contains("guest.opted_in");

        // The same event again changes nothing (it is known by its eventId); a later erasure on the same key shows
        // that the first was already read when this is checked.
        kafka.send(Topics.GUEST_ERASURES.name(), "luigis", erased).get();
        kafka.send(Topics.GUEST_ERASURES.name(), "luigis", erasure("luigis", kept))
                .get();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> deliveries("luigis", kept).isEmpty());
        assertThat(deliveries("luigis", pending)).containsExactly("SUCCEEDED");
    }

    /** A guest fact's delivery row (status, subject, payload); empty once deleted. */
    Map<String, String> fact(ConversationEvent event) {
        return database.sql("SELECT status, subject_id, payload FROM delivery WHERE event_id = :id")
                .bind("id", event.getEventId())
                .map(row -> Map.of(
                        "status",
                        row.get("status", String.class),
                        "subject",
                        row.get("subject_id", String.class),
                        "payload",
                        row.get("payload", String.class)))
                .one()
                .defaultIfEmpty(Map.of())
                .block();
    }

    static GuestDataErased erasure(String tenant, String... subjects) {
        return GuestDataErased.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId(tenant)
                .setErasureId(UUID.randomUUID().toString())
                .setSubjectIds(List.of(subjects))
                .build();
    }

    List<String> deliveries(String tenant, String subject) {
        return database.sql(
                        "SELECT status FROM delivery WHERE tenant_id = :tenant AND subject_id = :subject ORDER BY sequence")
                .bind("tenant", tenant)
                .bind("subject", subject)
                .map(row -> row.get("status", String.class))
                .all()
                .collectList()
                .block();
    }

    long attempts(UUID delivery) {
        return database.sql("SELECT count(*) FROM delivery_attempt WHERE delivery_id = :id")
                .bind("id", delivery)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }
}
