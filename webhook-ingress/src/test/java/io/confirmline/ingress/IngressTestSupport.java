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
package io.confirmline.ingress;

import io.confirmline.events.CallPurpose;
import io.confirmline.events.CallSessionOpened;
import io.confirmline.kafka.AvroSerdeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Helpers the ingress component tests share: a real consumer in its own group, and sessions to open. */
public final class IngressTestSupport {

    public static final String LUIGIS_AUTH = "Bearer luigis-webhook-token-0123456789";
    public static final String CLINIC_AUTH = "Bearer clinic-webhook-token-9876543210";

    /** Luigi's SMS number and subaccount: the ones in the 8x8 SMS fixtures (8x8-voice-api.md §7.1's example). */
    public static final String LUIGIS_SMS_NUMBER = "+4534735477";

    public static final String LUIGIS_SMS_SUBACCOUNT = "SubAccount-1";
    public static final String CLINIC_SMS_NUMBER = "+4534735400";

    public static final String CONFIRMED_REPLY =
            "{\"callflow\":[{\"action\":\"say\",\"params\":{\"text\":\"Thank you, see you at 8.\"}},{\"action\":\"hangup\"}]}";
    public static final String REPROMPT_REPLY =
            "{\"callflow\":[{\"action\":\"sayAndCapture\",\"params\":{\"promptMessage\":\"Press 1 or 0.\"}}]}";

    private IngressTestSupport() {}

    /** Properties for two tenants, and a spool directory of the test's own. */
    public static String[] tenantProperties() {
        return new String[] {
            "confirmline.tenants[0].id=luigis",
            "confirmline.tenants[0].subaccount-id=luigis_voice",
            "confirmline.tenants[0].auth-token=" + LUIGIS_AUTH,
            "confirmline.tenants[1].id=clinic",
            "confirmline.tenants[1].subaccount-id=clinic_voice",
            "confirmline.tenants[1].auth-token=" + CLINIC_AUTH,
        };
    }

    public static CallSessionOpened session(String sessionId) {
        Instant now = Instant.now();
        return CallSessionOpened.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now)
                .setTenantId("luigis")
                .setSessionId(sessionId)
                .setCallId("c-" + sessionId)
                .setAttemptId("a-" + sessionId)
                .setPurpose(CallPurpose.CONFIRMATION)
                .setLocale("en-GB")
                .setVoiceProfile("en-GB-Emma")
                .setDigitReplies(Map.of("1", CONFIRMED_REPLY))
                .setInvalidInputReply(REPROMPT_REPLY)
                .setNoInputReply(REPROMPT_REPLY)
                .setFinalReply("{\"callflow\":[{\"action\":\"hangup\"}]}")
                .setMaxReprompts(2)
                .setExpiresAt(now.plusSeconds(3600))
                .build();
    }

    /** A consumer in a group of its own, reading from the beginning, as another service would. */
    public static <V> KafkaConsumer<String, V> consumer(String bootstrapServers, String registryUrl, String topic) {
        Map<String, Object> config = new HashMap<>(AvroSerdeSettings.consumer(registryUrl));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "ingress-test-" + UUID.randomUUID());
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls until {@code count} records match, or fails after the timeout. */
    public static <V> List<ConsumerRecord<String, V>> await(
            KafkaConsumer<String, V> consumer,
            Predicate<ConsumerRecord<String, V>> matching,
            int count,
            Duration timeout) {
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (matching.test(record)) {
                    found.add(record);
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError(
                    "Expected " + count + " matching record(s) within " + timeout + ", got " + found.size());
        }
        return found;
    }
}
