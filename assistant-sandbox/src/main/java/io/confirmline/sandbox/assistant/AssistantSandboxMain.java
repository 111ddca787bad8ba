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
package io.confirmline.sandbox.assistant;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the assistant sandbox alone: {@code --port=8091} (0: a free port), {@code --host=127.0.0.1},
 * {@code --api-key=...} (else {@code CONFIRMLINE_ASSISTANT_API_KEY}, else {@link AssistantSandbox#DEFAULT_API_KEY})
 * and {@code --script=rules.json} (else the shipped rules).
 */
public final class AssistantSandboxMain {

    private AssistantSandboxMain() {}

    public static void main(String[] args) throws Exception {
        int port = 8091;
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        String apiKey = System.getenv().getOrDefault("CONFIRMLINE_ASSISTANT_API_KEY", "");
        Path script = null;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--host=")) {
                host = arg.substring("--host=".length());
            } else if (arg.startsWith("--api-key=")) {
                apiKey = arg.substring("--api-key=".length());
            } else if (arg.startsWith("--script=")) {
                script = Path.of(arg.substring("--script=".length()));
            } else {
                System.err.println("unknown argument " + arg + "; expected --port=, --host=, --api-key=, --script=");
                System.exit(2);
            }
        }
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        AssistantSandbox sandbox = AssistantSandbox.start(
                new InetSocketAddress(host, port),
                apiKey.isBlank() ? AssistantSandbox.DEFAULT_API_KEY : apiKey,
                script != null ? Script.load(script, json) : Script.defaults(json));
        System.out.println("assistant sandbox: OpenAI-compatible base URL " + sandbox.baseUrl()
                + (script != null ? " (rules from " + script + ")" : " (shipped rules)"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
