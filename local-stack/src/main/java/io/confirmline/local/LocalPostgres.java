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

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The embedded PostgreSQL of {@code ./run-local}, with a {@code confirmline} database, that never outlives the JVM
 * that started it. {@code pg_ctl} runs the server as a daemon — not a child of this JVM — so nothing stopped it when
 * the JVM died without running its shutdown hooks (SIGKILL, or a SIGINT the JVM ignored, then SIGKILL): a small
 * shell watchdog now stops it (SIGINT, PostgreSQL's fast shutdown) once this JVM is gone, and a server left running
 * by an earlier run on the same data directory is stopped before a new one starts.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final long serverPid;
    private final Process watchdog;

    private LocalPostgres(EmbeddedPostgres postgres, long serverPid, Process watchdog) {
        this.postgres = postgres;
        this.serverPid = serverPid;
        this.watchdog = watchdog;
    }

    /** Starts PostgreSQL on {@code port} with its data in {@code dataDirectory} (kept across runs). */
    public static LocalPostgres start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            stopLeftover(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            long pid = postmasterPid(dataDirectory)
                    .orElseThrow(() -> new IllegalStateException(
                            "PostgreSQL started without a postmaster.pid in " + dataDirectory));
            Process watchdog = new ProcessBuilder(
                            "sh",
                            "-c",
                            "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; kill -INT \"$2\" 2>/dev/null",
                            "postgres-watchdog",
                            Long.toString(ProcessHandle.current().pid()),
                            Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            LocalPostgres local = new LocalPostgres(postgres, pid, watchdog);
            local.createDatabase("confirmline");
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The server's process id (the postmaster). */
    public long serverPid() {
        return serverPid;
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!r.next()) {
                st.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database " + name, e);
        }
    }

    /** Stops the server (fast shutdown) and waits for it, then its watchdog. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("PostgreSQL did not stop cleanly: " + e);
        }
        // pg_ctl gives up after a few seconds; a server still there is told again (SIGINT: fast shutdown) and waited
        // for.
        ProcessHandle.of(serverPid).filter(LocalPostgres::isPostgres).ifPresent(LocalPostgres::stop);
        watchdog.destroy();
    }

    /** A server an earlier run left on this data directory (its JVM was killed) is stopped, not fought over. */
    private static void stopLeftover(Path dataDirectory) {
        postmasterPid(dataDirectory)
                .flatMap(ProcessHandle::of)
                .filter(LocalPostgres::isPostgres)
                .ifPresent(leftover -> {
                    System.out.println(
                            "Stopping the PostgreSQL (pid " + leftover.pid() + ") an earlier run left behind...");
                    stop(leftover);
                });
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
    }

    /** PostgreSQL's fast shutdown (SIGINT), waited for; SIGKILL after 30 seconds. */
    private static void stop(ProcessHandle server) {
        signal("INT", server.pid());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (server.isAlive() && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(100));
        }
        if (server.isAlive()) {
            server.destroyForcibly();
        }
    }

    /** The first line of {@code postmaster.pid}: the server's pid, while it runs (or after it was killed). */
    static Optional<Long> postmasterPid(Path dataDirectory) {
        Path file = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String first =
                    Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return first.matches("\\d+") ? Optional.of(Long.parseLong(first)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
