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
package io.confirmline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * design.md §10.2: a consumer built on the 0.2.0 release keeps working when a later release adds a status. The
 * record is written with a schema from "the future" (a TEXTED status and a channel field) and read as the services
 * and the platform read it: Avro's resolution of the writer's schema (from the registry) against the reader's.
 */
class UnknownEnumSymbolTest {

    private static final Path RELEASED = Path.of("src/main/avro-released/CallStatusChanged");

    /**
     * A writer from "the future": the current schema (which added TEXTED and channel in 0.5.0) with yet another status
     * and field, as a later release may add them.
     */
    private static final Schema FUTURE_WRITER = new Schema.Parser()
            .parse(
                    CallStatusChanged.getClassSchema()
                            .toString()
                            .replace("\"UNKNOWN\",\"TEXTED\"]", "\"UNKNOWN\",\"TEXTED\",\"RESCHEDULED\"]")
                            .replace(
                                    "\"fields\":[{\"name\":\"eventId\"",
                                    "\"fields\":[{\"name\":\"rescheduledTo\",\"type\":\"string\",\"default\":\"\"},{\"name\":\"eventId\""));

    @Test
    void aReaderOnTheBaselineReleaseReadsAStatusAddedLaterAsUnknown() throws IOException {
        byte[] texted = write(futureChange("TEXTED", "IN_PROGRESS"));

        GenericRecord read = read(texted, release("0.2.0"));

        assertThat(read.get("status")).hasToString("UNKNOWN");
        assertThat(read.get("previousStatus")).hasToString("IN_PROGRESS");
        assertThat(read.get("subjectId")).hasToString("r-1");
    }

    @Test
    void theGeneratedClassesReadItAsCallStatusUnknown() throws IOException {
        byte[] texted = write(futureChange("NOT_DELIVERED", "RESCHEDULED"));

        CallStatusChanged read = new SpecificDatumReader<CallStatusChanged>(
                        FUTURE_WRITER, CallStatusChanged.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(texted, null));

        assertThat(read.getPreviousStatus()).isEqualTo(CallStatus.UNKNOWN);
        assertThat(read.getStatus()).isEqualTo(CallStatus.NOT_DELIVERED);
        assertThat(read.getCallSummary()).isNull();
    }

    @Test
    void aReaderOnTheLastVoiceOnlyReleaseReadsTextedAsUnknownAndIgnoresTheChannel() throws IOException {
        byte[] texted = write(futureChange("TEXTED", "UNREACHABLE"));

        GenericRecord read = read(texted, release("0.3.0"));

        assertThat(read.get("status")).hasToString("UNKNOWN");
        assertThat(read.get("previousStatus")).hasToString("UNREACHABLE");
        assertThat(read.getSchema().getField("channel")).isNull();
    }

    @Test
    void aRecordWrittenBeforeTheChannelExistedReadsAsVoice() throws IOException {
        Schema old = release("0.3.0");
        GenericRecord change = baseChange(old, "CONFIRMED", "IN_PROGRESS");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(old).write(change, encoder);
        encoder.flush();

        CallStatusChanged read = new SpecificDatumReader<CallStatusChanged>(old, CallStatusChanged.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        assertThat(read.getChannel()).isEqualTo(Channel.VOICE);
        assertThat(read.getStatus()).isEqualTo(CallStatus.CONFIRMED);
    }

    @Test
    void aReaderOnTheFirstReleaseCouldNotWhichIsWhyTheBaselineExists() throws IOException {
        byte[] texted = write(futureChange("TEXTED", "IN_PROGRESS"));

        assertThatThrownBy(() -> read(texted, release("0.1.0")))
                .isInstanceOf(AvroTypeException.class)
                .hasMessageContaining("TEXTED");
    }

    @Test
    void aBaselineReaderSkipsTheCallSummaryOfACallCompletedEvent() throws IOException {
        Schema current = CallStatusChanged.getClassSchema();
        GenericRecord change = baseChange(current, "CONFIRMED", "CONFIRMED");
        Schema summarySchema =
                current.getField("callSummary").schema().getTypes().get(1);
        GenericRecord summary = new GenericData.Record(summarySchema);
        summary.put("sessionId", "s-1");
        summary.put("providerStatus", "COMPLETED");
        summary.put("durationSeconds", 42);
        summary.put(
                "legs",
                new GenericData.Array<>(0, summarySchema.getField("legs").schema()));
        change.put("callSummary", summary);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(current).write(change, encoder);
        encoder.flush();

        GenericRecord read = new GenericDatumReader<GenericRecord>(current, release("0.2.0"))
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        assertThat(read.get("status")).hasToString("CONFIRMED");
        assertThat(read.getSchema().getField("callSummary")).isNull();
    }

    private static GenericRecord futureChange(String status, String previousStatus) {
        GenericRecord change = baseChange(FUTURE_WRITER, status, previousStatus);
        change.put(
                "channel",
                new GenericData.EnumSymbol(FUTURE_WRITER.getField("channel").schema(), "SMS"));
        change.put("rescheduledTo", "2026-11-22T20:00:00Z");
        return change;
    }

    private static GenericRecord baseChange(Schema schema, String status, String previousStatus) {
        Schema statusSchema = schema.getField("status").schema();
        GenericRecord change = new GenericData.Record(schema);
        change.put("eventId", "e-1");
        change.put("occurredAt", Instant.parse("2026-11-21T20:00:00Z").toEpochMilli());
        change.put("tenantId", "luigis");
        change.put(
                "subjectType",
                new GenericData.EnumSymbol(schema.getField("subjectType").schema(), "RESERVATION"));
        change.put("subjectId", "r-1");
        change.put("callId", "c-1");
        change.put("attempt", 1);
        change.put("previousStatus", new GenericData.EnumSymbol(statusSchema, previousStatus));
        change.put("status", new GenericData.EnumSymbol(statusSchema, status));
        if (schema.getField("channel") != null) {
            change.put(
                    "channel",
                    new GenericData.EnumSymbol(schema.getField("channel").schema(), "VOICE"));
        }
        return change;
    }

    private static byte[] write(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(FUTURE_WRITER).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord read(byte[] data, Schema reader) throws IOException {
        return new GenericDatumReader<GenericRecord>(FUTURE_WRITER, reader)
                .read(null, DecoderFactory.get().binaryDecoder(data, null));
    }

    private static Schema release(String version) throws IOException {
        return new Schema.Parser().parse(RELEASED.resolve(version + ".avsc").toFile());
    }
}
