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

import io.confirmline.testing.AppCds;
import io.confirmline.testing.JvmOptions;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run-local}'s AppCDS: the first start of an application trains an archive by starting it, asking its health
 * and readiness, and stopping it; the real start then maps it, and serving a request needs no class of its own
 * path loaded from a jar. (The 8x8 sandbox: a whole Spring Boot WebFlux application that needs no broker.)
 */
@Tag("long")
class AppCdsTrainingTest {

    private static final Path SANDBOX =
            Path.of("..", "eightbyeight-sandbox").toAbsolutePath().normalize();

    @Test
    void theArchiveIsTrainedThroughARequestAndTheNextStartServesFromIt(@TempDir Path logs) throws IOException {
        String dependencies = Files.readString(SANDBOX.resolve("target/runtime-classpath.txt"))
                .trim();
        deleteArchives();
        Path classLoading = logs.resolve("class-load.log");
        List<String> options = new ArrayList<>(JvmOptions.DEFAULTS);
        options.add("-Xlog:class+load=info:file=" + classLoading);
        assertThat(AppCds.plan(SANDBOX, dependencies, options).trained()).isFalse();

        ServiceProcess sandbox = ServiceProcess.start(
                "eightbyeight-sandbox",
                SANDBOX,
                "io.confirmline.sandbox.eightbyeight.EightByEightSandboxApplication",
                RegistryServer.freePort(),
                Map.of(),
                logs,
                new JvmOptions(options, true, false));
        try {
            assertThat(AppCds.plan(SANDBOX, dependencies, options).trained())
                    .as("the training start wrote the archive")
                    .isTrue();
            assertThat(AppCds.plan(SANDBOX, dependencies, JvmOptions.DEFAULTS).trained())
                    .as("a start with other options has an archive of its own")
                    .isFalse();
            sandbox.awaitHealthy(Duration.ofMinutes(2));

            String loaded = Files.readString(classLoading);
            assertThat(loaded)
                    .as("the application's own classes come from the archive")
                    .containsPattern("EightByEightSandboxApplication source: shared objects file \\(top\\)");
            assertThat(loaded)
                    .as("so do those of serving a request, which a start alone never loads")
                    .containsPattern(
                            "io\\.netty\\.handler\\.codec\\.http\\.HttpServerCodec source: shared objects file");
            assertThat(loaded).doesNotContainPattern("HttpServerCodec source: (file|jar):");
        } finally {
            sandbox.close();
        }
    }

    private static void deleteArchives() throws IOException {
        Path directory = SANDBOX.resolve("target/app-cds");
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
