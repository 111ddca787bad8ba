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
package io.confirmline.orchestrator.erasure;

import io.confirmline.events.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Null-value records on the compacted {@code voice.sessions.v1}: compaction then drops the session's
 * {@code CallSessionOpened} (its pre-rendered replies hold the guest's name) and every ingress forgets it. Sent
 * with the services' producer (acks=all, idempotent); complete only when the broker acknowledged every one.
 */
@Component
class SessionTombstones {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, SpecificRecord> kafka;

    SessionTombstones(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    Mono<Void> send(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> {
                    CompletableFuture<?>[] sends = sessionIds.stream()
                            .map(session -> kafka.send(Topics.SESSIONS.name(), session, null))
                            .toArray(CompletableFuture[]::new);
                    CompletableFuture.allOf(sends).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return null;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
