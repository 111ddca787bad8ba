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
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
