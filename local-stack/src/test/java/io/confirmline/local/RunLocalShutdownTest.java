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

import io.confirmline.testing.RegistryServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run-local} stops everything it started — every child process and the embedded PostgreSQL, whose port
 * is then free — on SIGTERM, on SIGINT even when it was started in the background, and PostgreSQL also when the
 * JVM is killed outright. Runs {@link ShutdownProbe} (run-local's process-owning part) in a JVM of its own.
 */
class RunLocalShutdownTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path WITH_DEFAULT_SIGINT =
            Path.of("src/main/sh/with-default-sigint").toAbsolutePath();

    @TempDir
    Path directory;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    @Test
    void sigtermStopsEveryChildAndPostgresAndFreesItsPort() throws Exception {
        int port = RegistryServer.freePort();
        Process probe = probeWithPostgres(port);
        long postgres = awaitReady(probe.inputReader(StandardCharsets.UTF_8));
        List<ProcessHandle> children = probe.descendants().toList();
        assertThat(children).isNotEmpty();
        assertThat(accepts(port)).isTrue();

        probe.destroy();

        assertThat(probe.waitFor(60, TimeUnit.SECONDS))
                .as("run-local exited on SIGTERM")
                .isTrue();
        // A child (a PostgreSQL backend among them) may take a moment to go after its parent on a loaded machine.
        assertThat(eventually(Duration.ofSeconds(10), () -> children.stream().noneMatch(ProcessHandle::isAlive)))
                .as("every child stopped: %s", children)
                .isTrue();
        // pg_ctl's fast shutdown has returned; the postmaster's last moments may still be under way on a loaded
        // machine.
        assertThat(eventually(
                        Duration.ofSeconds(10),
                        () -> ProcessHandle.of(postgres)
                                .filter(ProcessHandle::isAlive)
                                .isEmpty()))
                .as("PostgreSQL stopped")
                .isTrue();
        assertThat(accepts(port)).as("PostgreSQL's port accepts connections").isFalse();
    }

    @Test
    void whenTheJvmIsKilledOutrightPostgresStillStops() throws Exception {
        int port = RegistryServer.freePort();
        Process probe = probeWithPostgres(port);
        long postgres = awaitReady(probe.inputReader(StandardCharsets.UTF_8));

        probe.destroyForcibly();

        assertThat(probe.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(eventually(
                        Duration.ofSeconds(20), () -> ProcessHandle.of(postgres).isEmpty() && !accepts(port)))
                .as("PostgreSQL stopped and its port free after SIGKILL of run-local")
                .isTrue();
    }

    @Test
    void sigintStopsItWhenStartedInTheBackgroundOfAScript() throws Exception {
        long ignoring = startedInBackground(false);
        signal("INT", ignoring);
        // The control: without the launcher the JVM inherits SIGINT ignored, as the issue found.
        Thread.sleep(2000);
        assertThat(ProcessHandle.of(ignoring).filter(ProcessHandle::isAlive))
                .as("SIGINT ignored")
                .isPresent();

        long launched = startedInBackground(true);
        List<ProcessHandle> children =
                ProcessHandle.of(launched).orElseThrow().descendants().toList();
        signal("INT", launched);

        assertThat(eventually(
                        Duration.ofSeconds(60), () -> ProcessHandle.of(launched).isEmpty()))
                .as("run-local exited on SIGINT")
                .isTrue();
        assertThat(eventually(Duration.ofSeconds(10), () -> children.stream().noneMatch(ProcessHandle::isAlive)))
                .isTrue();
    }

    private Process probeWithPostgres(int port) throws IOException {
        Process probe = new ProcessBuilder(
                        JAVA.toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ShutdownProbe.class.getName(),
                        directory.resolve("pg").toString(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        started.add(probe.toHandle());
        return probe;
    }

    /** Starts the probe as {@code ./run-local &} in a script would: from sh, in the background; returns its pid. */
    private long startedInBackground(boolean throughLauncher) throws Exception {
        Path output = Files.createTempFile(directory, "probe-", ".out");
        String launcher = throughLauncher ? "\"$5\" " : "";
        Process shell = new ProcessBuilder(
                        "sh",
                        "-c",
                        launcher + "\"$1\" -Xmx128m -cp \"$2\" \"$3\" > \"$4\" 2>&1 & echo $!",
                        "sh",
                        JAVA.toString(),
                        System.getProperty("java.class.path"),
                        ShutdownProbe.class.getName(),
                        output.toString(),
                        WITH_DEFAULT_SIGINT.toString())
                .start();
        long pid = Long.parseLong(new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        shell.waitFor(10, TimeUnit.SECONDS);
        started.add(ProcessHandle.of(pid).orElseThrow());
        assertThat(eventually(Duration.ofSeconds(60), () -> read(output).contains("READY")))
                .as(read(output))
                .isTrue();
        return pid;
    }

    private static long awaitReady(java.io.Reader output) throws IOException {
        BufferedReader lines = new BufferedReader(output);
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("READY ")) {
                return Long.parseLong(line.substring("READY ".length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The probe exited before it was ready:\n" + seen);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .start()
                        .waitFor())
                .isZero();
    }

    private static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
