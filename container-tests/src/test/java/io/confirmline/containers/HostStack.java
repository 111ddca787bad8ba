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
package io.confirmline.containers;

import com.github.dockerjava.api.model.HealthCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.yaml.snakeyaml.Yaml;

/**
 * The containers of deploy/docker-compose.host.yml, started with Testcontainers: each service's image, environment
 * and health check as the compose file gives them (so the test runs exactly what a user deploys), on the host's
 * network, a stage at a time (the infrastructure, then each application), each stage waiting for every health check
 * to pass. Volumes are left out: every run starts from empty data.
 */
final class HostStack implements AutoCloseable {

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]+)}");

    private final List<GenericContainer<?>> started = new ArrayList<>();

    /** Starts {@code stages} of the file's services in turn; fails naming the first image that was never built. */
    static HostStack start(Path composeFile, List<List<String>> stages) throws IOException {
        Map<String, Map<String, Object>> services = services(composeFile);
        HostStack stack = new HostStack();
        try {
            for (List<String> stage : stages) {
                List<GenericContainer<?>> containers = new ArrayList<>();
                for (String name : stage) {
                    containers.add(stack.container(name, services.get(name)));
                }
                Startables.deepStart(containers).join();
                stack.started.addAll(containers);
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services(Path composeFile) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(composeFile));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private GenericContainer<?> container(String name, Map<String, Object> service) {
        if (service == null) {
            throw new IllegalArgumentException("No service " + name + " in the compose file");
        }
        String image = defaulted(String.valueOf(service.get("image")));
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (RuntimeException missing) {
            throw new IllegalStateException(
                    "No image " + image + " on this Docker engine: run deploy/images/build first (" + missing + ")",
                    missing);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
                .forEach((key, value) -> environment.put(key, String.valueOf(value)));
        Map<String, Object> check = (Map<String, Object>) service.get("healthcheck");
        List<String> test = (List<String>) check.get("test");
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withEnv(environment)
                // The compose file's check, asked every second so a stage is not held up by the check's interval.
                .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(new HealthCheck()
                        .withTest(test)
                        .withInterval(Duration.ofSeconds(1).toNanos())
                        .withTimeout(Duration.ofSeconds(3).toNanos())
                        .withRetries(240)))
                .withLogConsumer(
                        new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name)).withSeparateOutputStreams())
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(4)));
        return container;
    }

    /** {@code confirmline/kafka:${CONFIRMLINE_KAFKA_VERSION:-4.2.1}} with the variable unset, as compose reads it. */
    static String defaulted(String value) {
        Matcher m = DEFAULTED.matcher(value);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    /** Whether something answers on the port of 127.0.0.1 (the host network is shared with the containers). */
    static boolean taken(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException free) {
            return false;
        }
    }

    @Override
    public void close() {
        // The applications before what they use, so none of them logs the broker or database going away first.
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
        started.clear();
    }
}
