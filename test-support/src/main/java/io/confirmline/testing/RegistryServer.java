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
package io.confirmline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry server (the {@code apicurio-registry-app:<version>:zip:all} artifact from Maven Central,
 * in-memory storage) as a child process on 127.0.0.1 and a free port: one per JVM, started on first use.
 *
 * <p>The server runs under a small shell watchdog that kills it when this JVM is gone, even if the JVM was killed
 * with SIGKILL and its shutdown hooks never ran: {@code ./mvnw verify} leaves no registry process behind.
 */
public final class RegistryServer {

    /** System property naming the server zip; the build sets it to the file in the local Maven repository. */
    public static final String ZIP_PROPERTY = "confirmline.apicurio.zip";

    private static final Logger log = LoggerFactory.getLogger(RegistryServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static RegistryServer shared;

    private final Process watchdog;
    private final int port;
    private final Path logFile;

    private RegistryServer(Process watchdog, int port, Path logFile) {
        this.watchdog = watchdog;
        this.port = port;
        this.logFile = logFile;
    }

    /** The JVM's registry, starting it if needed. */
    public static synchronized RegistryServer shared() {
        if (shared == null) {
            shared = start(locateZip());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "registry-server-shutdown"));
        }
        return shared;
    }

    /** Base URL of the native v3 API, the one the Apicurio serde talks to. */
    public String apiUrl() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    /** Base URL of the Confluent-compatible API, for tools that speak Confluent's REST protocol. */
    public String confluentCompatibleUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    /** Starts a server from the given zip and waits until its API answers. */
    public static RegistryServer start(Path zip) {
        return start(zip, freePort());
    }

    /** Starts a server from the given zip on {@code port} and waits until its API answers. */
    public static RegistryServer start(Path zip, int port) {
        Path home = unpackOnce(zip);
        Path runner = findRunner(home);
        try {
            Path logFile = Files.createTempFile("confirmline-registry-", ".log");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = String.join(
                    " ",
                    List.of(
                            quote(java),
                            "-Xmx384m",
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-Dquarkus.http.host=127.0.0.1",
                            "-Dquarkus.http.port=" + port,
                            "-Dquarkus.management.enabled=false",
                            "-Dquarkus.log.level=WARN",
                            "-jar",
                            quote(runner.toString())));
            Process process =
                    superviseUntilParentExits(command, ProcessHandle.current().pid(), runner.getParent(), logFile);
            RegistryServer server = new RegistryServer(process, port, logFile);
            server.awaitReady();
            log.info("Apicurio Registry ({}) ready at {}", home.getFileName(), server.apiUrl());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the registry server", e);
        }
    }

    /** Stops the server and its watchdog. */
    public void stop() {
        stopSupervised(watchdog);
    }

    /**
     * Stops a process started by {@link #superviseUntilParentExits}: SIGTERM to it and its children (a clean
     * shutdown), then, after 30 seconds, SIGKILL to whatever is left.
     */
    public static void stopSupervised(Process watchdog) {
        watchdog.descendants().forEach(ProcessHandle::destroy);
        watchdog.destroy();
        try {
            watchdog.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Starts {@code command} (a shell command line) under the watchdog: it is killed when the process
     * {@code parentPid} exits or when the returned watchdog process is destroyed.
     */
    public static Process superviseUntilParentExits(String command, long parentPid, Path directory, Path logFile)
            throws IOException {
        return new ProcessBuilder("sh", "-c", watchdogScript(command), "registry-watchdog", Long.toString(parentPid))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
    }

    /**
     * Runs the server in the background and polls, once a second, whether the parent JVM ($1) is alive. When it is
     * gone, or when the watchdog itself is asked to stop, the server goes too.
     */
    private static String watchdogScript(String command) {
        return command + " & server=$!\n"
                + "trap 'kill $server 2>/dev/null; wait $server; exit 0' TERM INT HUP\n"
                + "while kill -0 \"$1\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done\n"
                + "kill $server 2>/dev/null; wait $server\n";
    }

    private void awaitReady() {
        if (!awaitOk(watchdog, URI.create(apiUrl() + "/system/info"), START_TIMEOUT, "The registry server", logFile)) {
            stop();
            throw new IllegalStateException(
                    "The registry server did not answer within " + START_TIMEOUT + "; see " + logFile);
        }
    }

    /**
     * Polls {@code probe} until it answers 200 (true) or {@code timeout} passes (false); fails at once when the
     * supervised process has exited, naming its log.
     */
    static boolean awaitOk(Process watchdog, URI probe, Duration timeout, String name, Path logFile) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request =
                HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + logFile);
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(200));
        }
        return false;
    }

    /** The server version the build downloads (the root pom's apicurio.server.version). */
    static final String DEFAULT_VERSION = "3.0.9";

    public static Path locateZip() {
        String configured = System.getProperty(ZIP_PROPERTY, System.getenv("CONFIRMLINE_APICURIO_ZIP"));
        if (configured == null || configured.isBlank()) {
            // Outside surefire (benchmarks, the local stack): the file the test-support build put in the local
            // repository.
            String repository = System.getProperty(
                    "maven.repo.local",
                    Path.of(System.getProperty("user.home"), ".m2", "repository")
                            .toString());
            configured = Path.of(
                            repository,
                            "io",
                            "apicurio",
                            "apicurio-registry-app",
                            DEFAULT_VERSION,
                            "apicurio-registry-app-" + DEFAULT_VERSION + "-all.zip")
                    .toString();
        }
        Path zip = Path.of(configured);
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(
                    "No registry server zip at " + zip + "; run ./mvnw -pl test-support install once to download it");
        }
        return zip;
    }

    /** Unpacks the zip once per machine into the temp directory; concurrent JVMs wait for each other. */
    static Path unpackOnce(Path zip) {
        String name = zip.getFileName().toString().replaceFirst("\\.zip$", "");
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "confirmline-registry");
        Path home = root.resolve(name);
        Path complete = home.resolve(".unpacked");
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(
                            root.resolve(name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!Files.exists(complete)) {
                    Path staging = Files.createTempDirectory(root, name + "-");
                    unzip(zip, staging);
                    Files.writeString(staging.resolve(".unpacked"), zip.toString());
                    deleteRecursively(home);
                    Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip, e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copy(in, out);
                }
            }
        }
    }

    private static void copy(InputStream in, Path out) throws IOException {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path findRunner(Path home) {
        try (var files = Files.walk(home, 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")
                            || p.getFileName().toString().equals("quarkus-run.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runner jar in " + home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static int freePort() {
        // The OS may hand the same ephemeral port out again once its probe socket is closed; a stack asks for
        // several ports before anything binds them, so ports already given out by this JVM are skipped.
        for (int tries = 0; tries < 50; tries++) {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No free port that was not handed out already");
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@code s} as one single-quoted shell word. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
