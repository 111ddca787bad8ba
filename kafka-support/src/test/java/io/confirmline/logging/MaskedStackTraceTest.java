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
package io.confirmline.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services' logging (the shared include every logback-spring.xml uses) masks what an exception carries: a
 * phone number or a key in its message, its cause's or a suppressed one's never reaches the log.
 */
class MaskedStackTraceTest {

    private static final String PHONE = "+34612345678";
    private static final String KEY = "Bearer abc123";

    @TempDir
    Path directory;

    @Test
    void theConsoleShowsTheStackTraceWithPhoneNumbersAndKeysMasked() throws Exception {
        String console = captureConsole(() -> logFailure(configured("")));

        assertThat(console)
                .contains(
                        "Dialing failed",
                        "IllegalStateException",
                        "Caused by: java.io.IOException",
                        "Suppressed: java.lang.IllegalArgumentException",
                        "at io.confirmline.logging.MaskedStackTraceTest");
        assertThat(console).contains("+34*******78").contains("Bearer ***");
        assertThat(console).doesNotContain("612345678").doesNotContain("abc123");
    }

    @Test
    void anyOtherAppenderWithLogbacksOrBootsPatternWordsIsMaskedToo() throws Exception {
        Path file = directory.resolve("service.log");
        String appender = """
                <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                  <file>%s</file>
                  <encoder><pattern>${FILE_LOG_PATTERN} | %%msg %%ex %%xEx</pattern></encoder>
                </appender>
                <root><appender-ref ref="FILE"/></root>
                """.formatted(file);
        captureConsole(() -> logFailure(configured(appender)));

        String logged = Files.readString(file);
        assertThat(logged).contains("Dialing failed", "Caused by: java.io.IOException", "+34*******78", "Bearer ***");
        assertThat(logged).doesNotContain("612345678").doesNotContain("abc123");
    }

    private static void logFailure(LoggerContext context) {
        IOException cause = new IOException("8x8 answered 401 for " + PHONE + " to " + KEY);
        IllegalStateException failure = new IllegalStateException("Cannot call " + PHONE + " (api-key=abc123)", cause);
        failure.addSuppressed(new IllegalArgumentException("retry of " + PHONE + " refused"));
        Logger logger = context.getLogger("io.confirmline.orchestrator.dialing.Dialer");
        logger.error("Dialing failed for booking r-1", failure);
        context.stop();
    }

    private static LoggerContext configured(String extra) throws JoranException {
        // A context of its own, as a service's would be: the test JVM's logging stays as it is.
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        String xml = "<configuration><include resource=\"io/confirmline/logging/confirmline-logback.xml\"/>" + extra
                + "</configuration>";
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }

    private interface Logging {
        void run() throws Exception;
    }

    private static String captureConsole(Logging logging) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
