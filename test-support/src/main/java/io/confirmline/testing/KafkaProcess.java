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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A real KRaft broker (controller and broker combined) in a separate JVM, from the Kafka jars already on the test
 * classpath. Unlike the in-process {@link SharedKafka}, it can be stopped and started again on the same port and
 * log directory, for tests of what happens while the broker is away. It runs under the same watchdog as the
 * registry, so it never outlives the test JVM.
 */
public final class KafkaProcess implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final Path properties;
    private Process watchdog;

    private KafkaProcess(Path directory, int port, Path properties) {
        this.directory = directory;
        this.port = port;
        this.properties = properties;
    }

    /** Formats a fresh log directory and starts the broker; returns once it accepts connections. */
    public static KafkaProcess start() {
        return start(RegistryServer.freePort());
    }

    /** Like {@link #start()}, with the broker listening on {@code port}. */
    public static KafkaProcess start(int port) {
        try {
            Path directory = Files.createTempDirectory("confirmline-kafka-");
            int controllerPort = RegistryServer.freePort();
            Path properties = directory.resolve("server.properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            List.of(
                                    "process.roles=broker,controller",
                                    "node.id=1",
                                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
                                            + controllerPort,
                                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                                    "controller.listener.names=CONTROLLER",
                                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                                    "inter.broker.listener.name=PLAINTEXT",
                                    "log.dirs=" + directory.resolve("logs"),
                                    "num.partitions=1",
                                    "offsets.topic.replication.factor=1",
                                    "offsets.topic.num.partitions=1",
                                    "transaction.state.log.replication.factor=1",
                                    "transaction.state.log.min.isr=1",
                                    "share.coordinator.state.topic.replication.factor=1",
                                    "share.coordinator.state.topic.min.isr=1",
                                    "group.initial.rebalance.delay.ms=0",
                                    "")));
            java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString())
                    .waitFor(60, TimeUnit.SECONDS);
            KafkaProcess kafka = new KafkaProcess(directory, port, properties);
            kafka.startAgain();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again on the same port and data; returns once it accepts connections. */
    public synchronized void startAgain() {
        if (watchdog != null && watchdog.isAlive()) {
            return;
        }
        try {
            String command = String.join(
                    " ",
                    List.of(
                            javaBinary(),
                            "-Xmx384m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            quote(classpath()),
                            "kafka.Kafka",
                            quote(properties.toString())));
            watchdog = RegistryServer.superviseUntilParentExits(
                    command, ProcessHandle.current().pid(), directory, directory.resolve("broker.log"));
            awaitPort(true, Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker (a clean shutdown) and returns once its port is closed. */
    public synchronized void stop() {
        if (watchdog == null) {
            return;
        }
        RegistryServer.stopSupervised(watchdog);
        watchdog = null;
        awaitPort(false, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitPort(boolean open, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (portOpen() == open) {
                return;
            }
            if (open && (watchdog == null || !watchdog.isAlive())) {
                throw new IllegalStateException("Kafka exited during start-up; see " + directory.resolve("broker.log"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Kafka port " + port + " did not " + (open ? "open" : "close") + " in time");
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process java(String mainClass, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary(), "-cp", classpath(), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * The classpath the Kafka jars are on: this JVM's, or, when a tool such as exec:java loaded us in a class
     * loader of its own, that loader's.
     */
    static String classpath() {
        if (KafkaProcess.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            return java.util.Arrays.stream(loader.getURLs())
                    .map(url -> {
                        try {
                            return Path.of(url.toURI()).toString();
                        } catch (java.net.URISyntaxException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
