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

import io.confirmline.sandbox.assistant.AssistantSandbox;
import java.time.Duration;

/**
 * The demo's outcomes ({@link Demo}: every call outcome, a call-back, a missed call, the assistant's scene) against a
 * stack that something else started on the standard ports — the containers of deploy/docker-compose.host.yml, for
 * deploy/smoke-test. Like {@code ./run-local --demo}, it first gives the demo tenant its call-back and assistant settings
 * through the console's admin API, and the demo's pace of attempts ({@link DemoTenantSetup});
 * the assistant's provider (the OpenAI-compatible sandbox) runs in this JVM on its standard port, where the orchestrator container is pointed. Exits 0 when the platform sandbox has heard every
 * outcome, 1 (naming what is missing) otherwise.
 */
public final class RunningStackDemo {

    private RunningStackDemo() {}

    public static void main(String[] args) throws Exception {
        LocalStack.Ports ports = LocalStack.Ports.standard();
        String console = url(ports.console());
        try (AssistantSandbox assistant = AssistantSandbox.start(ports.assistant())) {
            System.out.println("Assistant sandbox (the orchestrator's provider): " + assistant.baseUrl());
            DemoTenantSetup.ensure(console, LocalStack.availabilityUrl(ports), true, System.out);
            boolean ok = new Demo(
                            new PlatformClient(url(ports.platform()), url(ports.orchestrator())),
                            new EightByEightSandboxClient(url(ports.eightByEight())),
                            System.out,
                            console)
                    .run(Duration.ofMinutes(5));
            System.exit(ok ? 0 : 1);
        }
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }
}
