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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./run-local}: the whole suite on design.md §7's ports — Kafka, the registry, an embedded PostgreSQL (or
 * the one in {@code CONFIRMLINE_DB_JDBC_URL}), the sandboxes, the owner console and the three services — until
 * Ctrl-C, SIGINT or SIGTERM, which stop all of it. {@code --demo} then books a guest for every outcome and exits 0
 * once the platform has heard each one. The documented environment variables win over the local defaults, and
 * {@code CONFIRMLINE_LOCAL_ARGS_<APPLICATION>} adds properties to one application ({@link LocalSettings}).
 */
public final class RunLocal {

    private RunLocal() {}

    /** The applications of the stack, by the name their extra-arguments variable is derived from. */
    static final List<String> APPLICATIONS = List.of(
            "webhook-ingress",
            "call-orchestrator",
            "platform-notifier",
            "owner-console",
            "eightbyeight-sandbox",
            "platform-sandbox");

    public static void main(String[] args) throws Exception {
        boolean demo = List.of(args).contains("--demo");
        Path repository = Path.of("").toAbsolutePath();
        Path logs = repository.resolve("local-stack/target/local-logs");
        LocalStack.Ports ports = LocalStack.Ports.standard();
        LocalSettings settings = new LocalSettings(System.getenv());
        try {
            // A malformed CONFIRMLINE_LOCAL_ARGS_* is reported before anything starts.
            APPLICATIONS.forEach(application -> settings.resolve(application, Map.of()));
        } catch (IllegalArgumentException e) {
            System.err.println("ConfirmLine did not start: " + e.getMessage());
            System.exit(2);
        }
        if (Boolean.parseBoolean(System.getProperty("confirmline.jvm.aot", "true"))) {
            settings.settingThatDecidesBeans().ifPresent(setting -> {
                System.out.println("Spring AOT off for this run: " + setting
                        + " may decide which beans exist, which AOT fixed when the services were built (README).");
                System.setProperty("confirmline.jvm.aot", "false");
            });
        }
        // Registered before anything starts: a signal during start-up stops what has started, PostgreSQL included.
        LocalProcesses processes = LocalProcesses.stoppedOnExit();
        System.out.println("Starting ConfirmLine on embedded infrastructure (logs in " + logs + ")...");
        printEndpoints(settings, ports);
        LocalStack.Database database;
        String external = System.getenv("CONFIRMLINE_DB_JDBC_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("CONFIRMLINE_DB_USER", "postgres");
            database = new LocalStack.Database(
                    external,
                    external.replaceFirst("^jdbc:", "r2dbc:"),
                    user,
                    System.getenv().getOrDefault("CONFIRMLINE_DB_PASSWORD", ""));
        } else {
            processes.own(LocalPostgres.start(repository.resolve("local-stack/target/local-postgres"), 5433));
            database = new LocalStack.Database(
                    "jdbc:postgresql://127.0.0.1:5433/confirmline",
                    "r2dbc:postgresql://127.0.0.1:5433/confirmline",
                    "postgres",
                    "");
        }
        LocalStack stack;
        try {
            stack = processes.own(LocalStack.start(
                    repository, ports, LocalStack.Timings.human(), database, logs, (application, localDefaults) -> {
                        LocalSettings.Resolved resolved = settings.resolve(application, localDefaults);
                        resolved.overrides().forEach(origin -> System.out.println("  " + origin));
                        return resolved.settings();
                    }));
        } catch (RuntimeException e) {
            System.err.println("ConfirmLine did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        printWhatRuns(stack, database);
        DemoTenantSetup.ensure(stack.url("owner-console"), LocalStack.availabilityUrl(ports), false, System.out);
        if (demo) {
            boolean ok = new Demo(
                            new PlatformClient(stack.url("platform-sandbox"), stack.url("call-orchestrator")),
                            new EightByEightSandboxClient(stack.url("eightbyeight-sandbox")),
                            System.out,
                            stack.url("owner-console"))
                    .run(Duration.ofMinutes(5));
            System.exit(ok ? 0 : 1);
        }
        System.out.println("Press Ctrl-C to stop everything.");
        Thread.currentThread().join();
    }

    /**
     * Where the suite sends calls and status webhooks, and whether that came from the environment: the first thing
     * to check when an environment variable seems to change nothing.
     */
    private static void printEndpoints(LocalSettings settings, LocalStack.Ports ports) {
        endpoint(
                "8x8",
                settings,
                "call-orchestrator",
                "confirmline.dialing.base-url",
                "http://127.0.0.1:" + ports.eightByEight(),
                "the 8x8 sandbox");
        endpoint(
                "Platform",
                settings,
                "owner-console",
                "confirmline.tenants[0].callback-url",
                "http://127.0.0.1:" + ports.platform() + "/webhooks/confirmline",
                "the platform sandbox");
        endpoint(
                "Assistant",
                settings,
                "call-orchestrator",
                "confirmline.assistant.base-url",
                "http://127.0.0.1:" + ports.assistant() + "/v1",
                "the assistant sandbox: nothing calls out");
    }

    private static void endpoint(
            String label,
            LocalSettings settings,
            String application,
            String property,
            String localDefault,
            String localName) {
        LocalSettings.Resolved resolved = settings.resolve(application, Map.of(property, localDefault));
        String source = resolved.overrides().stream()
                .filter(o -> o.property().equals(property))
                .map(LocalSettings.Origin::source)
                .findFirst()
                .map(variable -> "from " + variable)
                .orElse(localName);
        System.out.println(label + ": " + resolved.settings().get(property) + " (" + source + ")");
    }

    private static void printWhatRuns(LocalStack stack, LocalStack.Database database) {
        LocalStack.Ports p = stack.ports();
        String[][] rows = {
            {"webhook-ingress", "http://127.0.0.1:" + p.ingress(), "8x8 webhooks: /webhooks/8x8/vca, /webhooks/8x8/vss"
            },
            {
                "call-orchestrator",
                "http://127.0.0.1:" + p.orchestrator(),
                "POST /api/make-call, GET /api/calls/{id} (Bearer " + LocalStack.PLATFORM_KEY + ")"
            },
            {
                "platform-notifier",
                "http://127.0.0.1:" + p.notifier(),
                "GET /api/deliveries (Bearer " + LocalStack.PLATFORM_KEY + ")"
            },
            {
                "owner-console",
                "http://127.0.0.1:" + p.console(),
                "/api/admin/tenants (Bearer " + LocalStack.ADMIN_TOKEN + "), /login"
            },
            {
                "8x8 sandbox",
                "http://127.0.0.1:" + p.eightByEight(),
                "GET /sandbox/calls; the last digit of a number picks the guest"
            },
            {"platform sandbox", "http://127.0.0.1:" + p.platform(), "GET /received, PUT /behaviour, POST /reservations"
            },
            {
                "assistant sandbox",
                stack.assistant().baseUrl(),
                "OpenAI-compatible stub; PUT /sandbox/behaviour, GET /sandbox/requests"
            },
            {"Kafka (KRaft)", stack.kafkaBootstrap(), ""},
            {"schema registry", stack.registryUrl(), "Apicurio; Confluent API at /apis/ccompat/v7"},
            {"PostgreSQL", database.jdbcUrl(), "schemas orchestrator, notifier, console"}
        };
        System.out.println();
        for (String[] row : rows) {
            System.out.println(String.format(Locale.ROOT, "  %-18s %-45s %s", row[0], row[1], row[2]));
        }
        System.out.println();
        if (stack.demoOwner().startsWith("could not")) {
            System.out.println(
                    "Owner console: " + stack.url("owner-console") + " — the demo owner " + stack.demoOwner());
        } else {
            System.out.println("Owner console: " + stack.url("owner-console") + " — sign in as " + DemoOwner.EMAIL
                    + ", password " + DemoOwner.PASSWORD + " (the demo venue's OWNER; " + stack.demoOwner() + ")");
        }
        System.out.println();
    }
}
