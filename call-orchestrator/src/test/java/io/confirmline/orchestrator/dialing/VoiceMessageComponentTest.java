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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.Topics;
import io.confirmline.events.VoiceMessagePurpose;
import io.confirmline.events.VoiceMessageRequested;
import io.confirmline.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A voice message requested on Kafka is called at once, its text said N times, and any key hangs up. */
@SpringBootTest(
        properties = {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].api-key=test-8x8-key",
            "confirmline.tenants[0].platform-api-key=" + io.confirmline.orchestrator.TestTenant.PLATFORM_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].voices.en=en-GB-Emma"
        })
class VoiceMessageComponentTest {

    static final FakeEightByEight eightByEight = new FakeEightByEight();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.dialing.base-url", eightByEight::url);
    }

    @AfterAll
    static void stop() {
        eightByEight.close();
    }

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Test
    void anOtpIsCalledAtOnceWithItsTextRepeatedAndAnyKeyHangsUp() throws Exception {
        String id = "m-" + UUID.randomUUID();
        VoiceMessageRequested otp = VoiceMessageRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setMessageId(id)
                .setPhone("+447911123456")
                .setLocale("en-GB")
                .setText("Your code is 4 8 2 1")
                .setRepetitions(5)
                .setPurpose(VoiceMessagePurpose.OTP)
                .build();
        kafka.send(Topics.VOICE_MESSAGES.name(), id, otp).get();
        kafka.send(Topics.VOICE_MESSAGES.name(), id, otp).get(); // redelivered: one call

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> !eightByEight.requestsTo("+447911123456").isEmpty());
        Thread.sleep(1500);
        String placed = eightByEight.requestsTo("+447911123456").get(0).body();
        assertThat(eightByEight.requestsTo("+447911123456"))
                .singleElement()
                .satisfies(request -> assertThat(request.body())
                        .contains("\"text\":\"Your code is 4 8 2 1\",\"voiceProfile\":\"en-GB-Emma\",\"repetition\":3")
                        .contains("\"repetition\":2")
                        .endsWith("{\"action\":\"hangup\"}]}"));

        try (KafkaConsumer<String, CallSessionOpened> sessions = DialerComponentTest.consumer(Topics.SESSIONS.name())) {
            List<CallSessionOpened> opened = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                sessions.poll(Duration.ofMillis(200)).forEach(r -> {
                    // This message's session: 8x8 was sent the attempt id as clientRequestId. (Other tests on the
                    // shared broker leave tombstones on the compacted topic: a guest's erasure.)
                    if (r.value() != null
                            && placed.contains(
                                    "\"clientRequestId\":\"" + r.value().getAttemptId() + "\"")) {
                        opened.add(r.value());
                    }
                });
                return !opened.isEmpty();
            });
            assertThat(opened.get(0).getPurpose().name()).isEqualTo("VOICE_MESSAGE");
            assertThat(opened.get(0).getDigitReplies()).isEmpty();
            assertThat(opened.get(0).getInvalidInputReply()).isEqualTo("{\"callflow\":[{\"action\":\"hangup\"}]}");
        }
    }

    @Test
    void aRepeatOfAStoredMessageWhoseValidityHasPassedIsDroppedNotDeadLettered() throws Exception {
        String id = "m-" + UUID.randomUUID();
        Instant validUntil = Instant.now().plusSeconds(6);
        VoiceMessageRequested otp = VoiceMessageRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setTenantId("luigis")
                .setMessageId(id)
                .setPhone("+447911123457")
                .setLocale("en-GB")
                .setText("Your code is 1 9 9 0")
                .setRepetitions(2)
                .setPurpose(VoiceMessagePurpose.OTP)
                .setValidUntil(validUntil)
                .build();
        kafka.send(Topics.VOICE_MESSAGES.name(), id, otp).get();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> !eightByEight.requestsTo("+447911123457").isEmpty());
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().isAfter(validUntil.plusSeconds(1)));

        // Delivered again once its validity has passed (as after a crash), then a new request with the same key
        // that is invalid: once that one is dead-lettered, the repeat before it has been handled.
        kafka.send(Topics.VOICE_MESSAGES.name(), id, otp).get();
        VoiceMessageRequested invalid = VoiceMessageRequested.newBuilder(otp)
                .setEventId(UUID.randomUUID().toString())
                .setText(" ")
                .build();
        kafka.send(Topics.VOICE_MESSAGES.name(), id, invalid).get();

        assertThat(io.confirmline.kafka.testing.DeadLetters.reasonsUntil(
                        Topics.VOICE_MESSAGES.deadLetterTopic(), id, "text: is required"))
                .as("only the new request is dead-lettered; the repeat of the stored one is dropped")
                .singleElement()
                .asString()
                .contains("validUntil: already passed");
        assertThat(eightByEight.requestsTo("+447911123457")).as("called once").hasSize(1);
    }
}
