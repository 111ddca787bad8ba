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
package io.confirmline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallStatus;
import io.confirmline.events.CallStatusChanged;
import io.confirmline.events.SubjectType;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SchemaKeyedDatumProviderTest {

    final SchemaKeyedDatumProvider<SpecificRecord> provider = new SchemaKeyedDatumProvider<>();

    static CallStatusChanged change() {
        return CallStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setTenantId("luigis")
                .setSubjectType(SubjectType.RESERVATION)
                .setSubjectId("r-1")
                .setCallId(UUID.randomUUID().toString())
                .setAttempt(1)
                .setStatus(CallStatus.CONFIRMED)
                .build();
    }

    @Test
    void writesAndReadsTheRecordBackWithOneWriterAndOneReaderPerSchema() throws Exception {
        provider.setUseSpecificAvroReader(true);
        CallStatusChanged first = change();
        CallStatusChanged second = change();

        DatumWriter<SpecificRecord> writer = provider.createDatumWriter(first, first.getSchema());
        assertThat(provider.createDatumWriter(second, second.getSchema()))
                .as("the writer for the same schema")
                .isSameAs(writer);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(second, encoder);
        encoder.flush();
        DatumReader<SpecificRecord> reader = provider.createDatumReader(CallStatusChanged.getClassSchema());
        // The same schema parsed again (as from the registry): an equal object finds the same reader.
        Schema parsedAgain =
                new Schema.Parser().parse(CallStatusChanged.getClassSchema().toString());
        assertThat(provider.createDatumReader(parsedAgain)).isSameAs(reader);

        SpecificRecord read = reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(read).isInstanceOf(CallStatusChanged.class).isEqualTo(second);
    }

    @Test
    void anotherSchemaGetsItsOwnWriter() {
        CallStatusChanged change = change();
        Schema other = new Schema.Parser()
                .parse(CallStatusChanged.getClassSchema()
                        .toString()
                        .replace("\"name\":\"CallStatusChanged\"", "\"name\":\"CallStatusChangedCopy\""));

        assertThat(provider.createDatumWriter(change, other))
                .isNotSameAs(provider.createDatumWriter(change, change.getSchema()));
    }
}
