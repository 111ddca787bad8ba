package io.confirmline.orchestrator.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Writes an event into the outbox, inside whatever transaction the caller is in; {@link OutboxRelay} sends it. */
@Component
public class Outbox {

    private final DatabaseClient db;

    public Outbox(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> add(String topic, String key, SpecificRecord event) {
        return db.sql("INSERT INTO outbox (topic, message_key, payload) VALUES (:topic, :key, :payload)")
                .bind("topic", topic).bind("key", key).bind("payload", ByteBuffer.wrap(encode(event))).then();
    }

    /** One writer per event type: building one is schema work that every state change would otherwise repeat. */
    private static final java.util.Map<Class<?>, SpecificDatumWriter<SpecificRecord>> WRITERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static byte[] encode(SpecificRecord event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            WRITERS.computeIfAbsent(event.getClass(), type -> new SpecificDatumWriter<>(event.getSchema()))
                    .write(event, encoder);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
