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

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RegistryServerTest {

    @Test
    void theSharedRegistryServesTheNativeAndTheConfluentCompatibleApiOnLoopback() throws Exception {
        RegistryServer registry = RegistryServer.shared();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> info = http.send(
                HttpRequest.newBuilder(URI.create(registry.apiUrl() + "/system/info"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("3.0.9");

        String schema = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\",\\\"fields\\\":"
                + "[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(URI.create(registry.confluentCompatibleUrl() + "/subjects/probe-value/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(schema))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).matches("\\{\"id\":\\d+}");
        assertThat(registry.apiUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void theWatchdogKillsTheServerWhenTheParentProcessDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "2").start();
        Path log = Files.createTempFile("watchdog", ".log");
        Process watchdog = RegistryServer.superviseUntilParentExits("sleep 300", parent.pid(), Path.of("."), log);
        ProcessHandle server = awaitChild(watchdog);

        assertThat(server.isAlive()).isTrue();
        parent.waitFor();

        assertThat(watchdog.waitFor(10, TimeUnit.SECONDS))
                .as("watchdog exits after its parent")
                .isTrue();
        assertThat(server.onExit().get(10, TimeUnit.SECONDS).isAlive())
                .as("no orphan server")
                .isFalse();
    }

    @Test
    void stoppingTheWatchdogStopsTheServer() throws Exception {
        Path log = Files.createTempFile("watchdog", ".log");
        Process watchdog = RegistryServer.superviseUntilParentExits(
                "sleep 300", ProcessHandle.current().pid(), Path.of("."), log);
        ProcessHandle server = awaitChild(watchdog);

        watchdog.destroy();

        assertThat(server.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    private static ProcessHandle awaitChild(Process watchdog) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var child = watchdog.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the watchdog started no server");
    }
}
