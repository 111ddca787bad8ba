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

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.LoggingProducerListener;

/** A failed send is logged without the record: its value may hold a guest's name or a rendered prompt. */
class ProducerFailureLogTest {

    @Test
    void aFailedSendNamesTheTopicAndTheErrorButNotTheRecord() {
        Logger logger = (Logger) LoggerFactory.getLogger(LoggingProducerListener.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            ConfirmLineKafkaAutoConfiguration.<String, String>failuresWithoutContents()
                    .onError(
                            new ProducerRecord<>(
                                    "voice.sessions.v1", "session-1", "Hola Ana García, le llamamos de Luigi's"),
                            null,
                            new IllegalStateException("broker unreachable"));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).singleElement().satisfies(event -> {
            String logged = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : event.getThrowableProxy().getMessage());
            assertThat(logged)
                    .contains("voice.sessions.v1")
                    .contains("broker unreachable")
                    .doesNotContain("Ana");
        });
    }
}
