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
import io.confirmline.testing.KafkaProcess;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite on one machine: a KRaft broker and the Apicurio registry in JVMs of their own, PostgreSQL (given),
 * the 8x8 and platform sandboxes, the owner console and the three services, each in its own JVM from its module's
 * build output, and the assistant sandbox (an OpenAI-compatible stub, in this JVM: it starts in milliseconds), the
 * provider of the orchestrator's assistant, so the stack never calls out (issue #17). Only the console is told about
 * the tenant, {@code demo}: it imports it at start and publishes it on
 * {@code tenants.v1}, from which the three services read it, as they read every tenant created later over the
 * console's admin API. Used by {@code ./run-local} (design.md §7 ports, human timings) and by the end-to-end tests
 * (free ports, fast timings).
 */
public final class LocalStack implements AutoCloseable {

    /** The demo tenant's secrets: local values, never production ones. */
    public static final String TENANT = "demo";
    /** The demo tenant's calls per booking: a first call and one retry, so every outcome shows within minutes. */
    public static final int DEMO_MAX_ATTEMPTS = 2;

    public static final String SUBACCOUNT = "demo_voice";
    /** The demo tenant's texts (issue #14): its 8x8 account, SMS subaccount and the one number it texts from. */
    public static final String ACCOUNT_ID = "0d3e0000-0000-4000-8000-000000000001";

    public static final String SMS_SUBACCOUNT = "demo_sms";
    public static final String SMS_NUMBER = "+6568888899";
    /**
     * The demo tenant's voice virtual number (issue #15): the caller id of its calls, so a guest who rings back reaches
     * the sandbox's voice subaccount and through it the ingress.
     */
    public static final String VIRTUAL_NUMBER = "+6568888888";
    /**
     * The restaurant's own line a caller is put through to: none of our numbers (we never bridge to one), and one the
     * sandbox's restaurant switch answers or not ({@code PUT /sandbox/restaurants/{phone}}, per call).
     */
    public static final String VENUE_PHONE = "+6562220000";

    public static final String EIGHT_BY_EIGHT_KEY = "sandbox-8x8-key";
    public static final String WEBHOOK_TOKEN = "sandbox-webhook-token";
    public static final String PLATFORM_KEY = "demo-platform-key";
    /** The platform admin token of the console (at least 24 characters) and of the notifier's replays. */
    public static final String ADMIN_TOKEN = "demo-admin-token-local-only";

    public static final String SIGNING_SECRET = "whsec_Y29uZmlybWxpbmUtbG9jYWwtZGVtby1zZWNyZXQtMzJi";
    /**
     * The key tenant secrets are encrypted under on {@code tenants.v1}, the same for the console and the services
     * ({@code confirmline.secrets.key}). A local key of the stack's own rather than the built-in demo key, so the
     * local stack exercises the configured-key path a production installation takes; fixed rather than generated,
     * so a restarted {@code ./run-local} still reads what the console stored and published before.
     */
    public static final String SECRETS_KEY = "local:V5fYUls98S7wHBV3WoNQ92r1OhQfVcaJC8nftz7nf84=";
    /**
     * How long the demo tenant's guests' free texts wait for the owner before the assistant answers (issue #17):
     * the shortest the console accepts, so the demo and the tests need not wait the default minute.
     */
    public static final Duration HUMAN_WINDOW = Duration.ofSeconds(15);

    public static final String VENUE_ADDRESS = "Calle Mayor 1, Madrid";
    public static final String ASSISTANT_FAQ =
            "Parking: the public car park behind the restaurant, free after 19:00." + " Dogs welcome on the terrace.";

    /** Where each part listens. */
    public record Ports(
            int kafka,
            int registry,
            int ingress,
            int orchestrator,
            int notifier,
            int console,
            int eightByEight,
            int platform,
            int assistant) {

        /** design.md §7 and §10.1; the assistant sandbox next to the other sandboxes. */
        public static Ports standard() {
            return new Ports(9092, 8085, 8081, 8082, 8083, 8084, 8089, 8090, 8091);
        }

        public static Ports free() {
            return new Ports(
                    RegistryServer.freePort(),
                    RegistryServer.freePort(),
                    RegistryServer.freePort(),
                    RegistryServer.freePort(),
                    RegistryServer.freePort(),
                    RegistryServer.freePort(),
                    RegistryServer.freePort(),
                    RegistryServer.freePort(),
                    RegistryServer.freePort());
        }
    }

    /**
     * How fast calls go: the sandbox's ring, speech and reaction times; the orchestrator's retry delay, key wait
     * and lost-summary timeout; the notifier's retry schedule and breaker pause; whether the 8x8 sandbox sends
     * every webhook twice; how long the orchestrator waits for 8x8's answer to Send Callflow.
     */
    public record Timings(
            Duration ring,
            Duration speech,
            Duration reaction,
            Duration retryDelay,
            Duration keyWait,
            Duration summaryTimeout,
            String notifierRetrySchedule,
            Duration breakerOpenFor,
            boolean duplicateWebhooks,
            Duration dialTimeout) {

        public static Timings human() {
            return new Timings(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(60),
                    "0s,1s,2s,5s,10s,30s,1m,5m",
                    Duration.ofSeconds(10),
                    false,
                    Duration.ofSeconds(2));
        }

        public static Timings fast() {
            return new Timings(
                    Duration.ofMillis(1000),
                    Duration.ofMillis(300),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(4),
                    Duration.ofSeconds(20),
                    "0s,200ms,500ms,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s",
                    Duration.ofSeconds(1),
                    true,
                    Duration.ofSeconds(2));
        }
    }

    /** The database the orchestrator, the notifier and the console use, each in its own schema. */
    public record Database(String jdbcUrl, String r2dbcUrl, String username, String password) {}

    private final Ports ports;
    /** What became of the demo owner at start ({@link DemoOwner}): created, kept, ... or why it could not be. */
    private String demoOwner = "not made";

    private final KafkaProcess kafka;
    private final RegistryServer registry;
    private final List<ServiceProcess> services;
    private final AssistantSandbox assistant;

    private LocalStack(
            Ports ports,
            KafkaProcess kafka,
            RegistryServer registry,
            List<ServiceProcess> services,
            AssistantSandbox assistant) {
        this.ports = ports;
        this.kafka = kafka;
        this.registry = registry;
        this.services = services;
        this.assistant = assistant;
    }

    /**
     * Decides the settings an application starts with from the stack's local defaults: the end-to-end tests use the
     * defaults as they are, {@code ./run-local} lets the environment win ({@link LocalSettings}).
     */
    @FunctionalInterface
    public interface SettingsPolicy {

        /** The defaults, whatever the environment says: a test must not be pointed elsewhere by a developer's shell. */
        SettingsPolicy LOCAL_DEFAULTS = (application, localDefaults) -> localDefaults;

        Map<String, String> settingsFor(String application, Map<String, String> localDefaults);
    }

    /** Starts everything with the local defaults and returns once every application reports healthy. */
    public static LocalStack start(Path repository, Ports ports, Timings timings, Database database, Path logs) {
        return start(repository, ports, timings, database, logs, SettingsPolicy.LOCAL_DEFAULTS);
    }

    /** Starts everything, each application with the settings {@code policy} gives it; returns once all are healthy. */
    public static LocalStack start(
            Path repository, Ports ports, Timings timings, Database database, Path logs, SettingsPolicy policy) {
        // First: a taken port fails the start before anything else runs.
        AssistantSandbox assistant = AssistantSandbox.start(ports.assistant());
        KafkaProcess kafka;
        RegistryServer registry;
        try {
            kafka = KafkaProcess.start(ports.kafka());
            registry = RegistryServer.start(RegistryServer.locateZip(), ports.registry());
        } catch (RuntimeException e) {
            assistant.close();
            throw e;
        }
        List<ServiceProcess> started = new ArrayList<>();
        LocalStack stack = new LocalStack(ports, kafka, registry, started, assistant);
        try {
            String bootstrap = kafka.bootstrapServers();
            String registryUrl = registry.apiUrl();
            String ingressUrl = "http://127.0.0.1:" + ports.ingress();
            Path spool = Files.createTempDirectory("confirmline-ingress-spool-");

            Map<String, String> platform = common(bootstrap, registryUrl);
            platform.put("platform-sandbox.signing-secrets", SIGNING_SECRET);
            started.add(ServiceProcess.start(
                    "platform-sandbox",
                    repository.resolve("platform-sandbox"),
                    "io.confirmline.sandbox.platform.PlatformSandboxApplication",
                    ports.platform(),
                    policy.settingsFor("platform-sandbox", platform),
                    logs));

            Map<String, String> eightByEight = new LinkedHashMap<>();
            eightByEight.put("sandbox.subaccounts[0].id", SUBACCOUNT);
            eightByEight.put("sandbox.subaccounts[0].api-key", EIGHT_BY_EIGHT_KEY);
            eightByEight.put("sandbox.subaccounts[0].vca-url", ingressUrl + "/webhooks/8x8/vca");
            eightByEight.put("sandbox.subaccounts[0].vss-url", ingressUrl + "/webhooks/8x8/vss");
            eightByEight.put("sandbox.subaccounts[0].webhook-authorization", WEBHOOK_TOKEN);
            // Given here, not left to the sandbox's application.yml: a list element set here replaces the YAML one.
            eightByEight.put("sandbox.subaccounts[0].numbers", VIRTUAL_NUMBER);
            eightByEight.put("sandbox.ring-time", millis(timings.ring()));
            eightByEight.put("sandbox.speech-time", millis(timings.speech()));
            eightByEight.put("sandbox.reaction-time", millis(timings.reaction()));
            eightByEight.put("sandbox.duplicate-webhooks", Boolean.toString(timings.duplicateWebhooks()));
            // Texts: MO and DR go to the ingress with the tenant's token, as 8x8's portal setting would send them
            // (the voice webhooks above are set the same way). A guest answers a text as fast as they would speak,
            // and the handset's receipt comes as fast as they react.
            eightByEight.put("sandbox.sms.subaccounts[0].id", SMS_SUBACCOUNT);
            eightByEight.put("sandbox.sms.subaccounts[0].account-id", ACCOUNT_ID);
            eightByEight.put("sandbox.sms.subaccounts[0].api-key", EIGHT_BY_EIGHT_KEY);
            eightByEight.put("sandbox.sms.subaccounts[0].numbers", SMS_NUMBER);
            eightByEight.put("sandbox.sms.subaccounts[0].mo-url", ingressUrl + "/webhooks/8x8/sms/inbound");
            eightByEight.put("sandbox.sms.subaccounts[0].dr-url", ingressUrl + "/webhooks/8x8/sms/receipts");
            eightByEight.put("sandbox.sms.subaccounts[0].webhook-authorization", WEBHOOK_TOKEN);
            eightByEight.put("sandbox.sms.receipt-time", millis(timings.reaction()));
            eightByEight.put("sandbox.sms.reply-time", millis(timings.speech()));
            started.add(ServiceProcess.start(
                    "eightbyeight-sandbox",
                    repository.resolve("eightbyeight-sandbox"),
                    "io.confirmline.sandbox.eightbyeight.EightByEightSandboxApplication",
                    ports.eightByEight(),
                    policy.settingsFor("eightbyeight-sandbox", eightByEight),
                    logs));

            // The console first: it imports the demo tenant and publishes it while the services start. They would
            // also pick it up later (each follows tenants.v1 live); starting it first only makes them ready sooner.
            Map<String, String> console = consoleSettings(bootstrap, registryUrl, database, ports, timings);
            started.add(ServiceProcess.start(
                    "owner-console",
                    repository.resolve("owner-console"),
                    "io.confirmline.console.OwnerConsoleApplication",
                    ports.console(),
                    policy.settingsFor("owner-console", console),
                    logs));

            Map<String, String> ingress = withSecretsKey(common(bootstrap, registryUrl));
            ingress.put("confirmline.ingress.publish.spool-directory", spool.toString());
            started.add(ServiceProcess.start(
                    "webhook-ingress",
                    repository.resolve("webhook-ingress"),
                    "io.confirmline.ingress.WebhookIngressApplication",
                    ports.ingress(),
                    policy.settingsFor("webhook-ingress", ingress),
                    logs));

            Map<String, String> orchestrator = withSecretsKey(withDatabase(common(bootstrap, registryUrl), database));
            orchestrator.put("confirmline.outcomes.key-wait", millis(timings.keyWait()));
            orchestrator.put("confirmline.outcomes.summary-timeout", millis(timings.summaryTimeout()));
            orchestrator.put("confirmline.dialing.base-url", "http://127.0.0.1:" + ports.eightByEight());
            orchestrator.put("confirmline.dialing.timeout", millis(timings.dialTimeout()));
            // The sandbox serves 8x8's SMS API on the same port as its voice API.
            orchestrator.put("confirmline.sms.base-url", "http://127.0.0.1:" + ports.eightByEight());
            // The assistant's provider is the local stub: the stack stays offline (issue #17 item 6). A real provider
            // replaces it through the environment or CONFIRMLINE_LOCAL_ARGS_CALL_ORCHESTRATOR (README).
            orchestrator.put("confirmline.assistant.base-url", assistant.baseUrl());
            orchestrator.put("confirmline.assistant.api-key", AssistantSandbox.DEFAULT_API_KEY);
            started.add(ServiceProcess.start(
                    "call-orchestrator",
                    repository.resolve("call-orchestrator"),
                    "io.confirmline.orchestrator.CallOrchestratorApplication",
                    ports.orchestrator(),
                    policy.settingsFor("call-orchestrator", orchestrator),
                    logs));

            Map<String, String> notifier = withSecretsKey(withDatabase(common(bootstrap, registryUrl), database));
            notifier.put("confirmline.notifier.admin-token", ADMIN_TOKEN);
            notifier.put("confirmline.notifier.retry-schedule", timings.notifierRetrySchedule());
            notifier.put("confirmline.notifier.breaker.open-for", millis(timings.breakerOpenFor()));
            started.add(ServiceProcess.start(
                    "platform-notifier",
                    repository.resolve("platform-notifier"),
                    "io.confirmline.notifier.PlatformNotifierApplication",
                    ports.notifier(),
                    policy.settingsFor("platform-notifier", notifier),
                    logs));

            for (ServiceProcess service : started) {
                service.awaitHealthy(Duration.ofMinutes(3));
            }
            new ServedTenants()
                    .await(
                            Map.of(
                                    "webhook-ingress",
                                    stack.url("webhook-ingress"),
                                    "call-orchestrator",
                                    stack.url("call-orchestrator"),
                                    "platform-notifier",
                                    stack.url("platform-notifier")),
                            Duration.ofMinutes(1));
            stack.demoOwner = demoOwner(stack.url("owner-console"));
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /**
     * The owner console's settings in the stack: the demo tenant to import, the admin token, plain-http cookies and
     * where the other applications listen. Public for the board benchmark, which runs the console alone.
     */
    public static Map<String, String> consoleSettings(
            String bootstrap, String registryUrl, Database database, Ports ports, Timings timings) {
        String ingressUrl = "http://127.0.0.1:" + ports.ingress();
        Map<String, String> console = withSecretsKey(withDatabase(common(bootstrap, registryUrl), database));
        console.putAll(demoTenant(ports, timings));
        console.put("confirmline.console.admin-token", ADMIN_TOKEN);
        // Plain http on 127.0.0.1: a Secure cookie would never be sent back.
        console.put("confirmline.console.secure-cookies", "false");
        // Where the console tells 8x8 (the sandbox) to send a tenant's webhooks (register-webhooks).
        console.put("confirmline.console.ingress-public-url", ingressUrl);
        console.put("confirmline.console.eight-by-eight.base-url", "http://127.0.0.1:" + ports.eightByEight());
        console.put("confirmline.console.eight-by-eight.sms-base-url", "http://127.0.0.1:" + ports.eightByEight());
        // Where the owner's actions (call again, cancel, reply, take over) and the delivery log come from.
        console.put("confirmline.console.orchestrator-url", "http://127.0.0.1:" + ports.orchestrator());
        console.put("confirmline.console.notifier-url", "http://127.0.0.1:" + ports.notifier());
        return console;
    }

    /**
     * The demo tenant's owner, who signs in to the console's pages. A console that cannot make them is no reason to
     * stop the rest of the suite: the start says why, and a test signing in fails on it.
     */
    private static String demoOwner(String console) {
        try {
            return new DemoOwner(console).ensure();
        } catch (IllegalStateException e) {
            return "could not be made: " + e.getMessage();
        }
    }

    /** What became of the demo owner at start: {@code created}, {@code kept}, ... or why it could not be made. */
    public String demoOwner() {
        return demoOwner;
    }

    /**
     * The demo tenant as the console imports it ({@code confirmline.tenants[0]}, the YAML shape of TenantSettings):
     * every setting the three services were given one by one before tenants became data.
     */
    private static Map<String, String> demoTenant(Ports ports, Timings timings) {
        Map<String, String> tenant = new LinkedHashMap<>();
        tenant.put("confirmline.tenants[0].id", TENANT);
        tenant.put("confirmline.tenants[0].display-name", "Demo venue");
        tenant.put("confirmline.tenants[0].subaccount-id", SUBACCOUNT);
        tenant.put("confirmline.tenants[0].api-key", EIGHT_BY_EIGHT_KEY);
        tenant.put("confirmline.tenants[0].auth-token", WEBHOOK_TOKEN);
        tenant.put("confirmline.tenants[0].platform-api-key", PLATFORM_KEY);
        tenant.put(
                "confirmline.tenants[0].callback-url",
                "http://127.0.0.1:" + ports.platform() + "/webhooks/confirmline");
        tenant.put("confirmline.tenants[0].signing-secrets", SIGNING_SECRET);
        // Call-backs (issue #15): our calls show the virtual number, so a guest ringing back reaches us; a caller
        // without a booking is put through to the venue at any hour (two periods a day: one period cannot run from
        // midnight to midnight, as opens and closes must differ).
        tenant.put("confirmline.tenants[0].caller-id", VIRTUAL_NUMBER);
        tenant.put("confirmline.tenants[0].virtual-numbers", VIRTUAL_NUMBER);
        tenant.put("confirmline.tenants[0].venue-phone", VENUE_PHONE);
        int period = 0;
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            for (String[] hours : new String[][] {{"00:00", "12:00"}, {"12:00", "00:00"}}) {
                String prefix = "confirmline.tenants[0].opening-hours[" + period++ + "].";
                tenant.put(prefix + "day", day.name());
                tenant.put(prefix + "opens", hours[0]);
                tenant.put(prefix + "closes", hours[1]);
            }
        }
        // Texting on (fallback for both unreachable and no response, the default): the sandbox's SMS subaccount.
        tenant.put("confirmline.tenants[0].account-id", ACCOUNT_ID);
        tenant.put("confirmline.tenants[0].sms-subaccount-id", SMS_SUBACCOUNT);
        tenant.put("confirmline.tenants[0].sms-numbers", SMS_NUMBER);
        tenant.put("confirmline.tenants[0].time-zone", "Europe/Madrid");
        // The demo must work at any hour, so the sandbox tenant may be called around the clock.
        tenant.put("confirmline.tenants[0].calling-opens", "00:00");
        tenant.put("confirmline.tenants[0].calling-closes", "23:59:59");
        tenant.put("confirmline.tenants[0].minimum-notice", "1m");
        tenant.put("confirmline.tenants[0].max-attempts", Integer.toString(DEMO_MAX_ATTEMPTS));
        tenant.put("confirmline.tenants[0].retry-delay", millis(timings.retryDelay()));
        tenant.put("confirmline.tenants[0].voices.default", "en-US-Standard-C");
        // The assistant (issue #17): on, after a short owner's window; the facts it may tell guests; the platform
        // sandbox's availability endpoint, so a guest asking for another time is first offered free ones.
        tenant.put("confirmline.tenants[0].assistant-enabled", "true");
        tenant.put("confirmline.tenants[0].human-window", millis(HUMAN_WINDOW));
        tenant.put("confirmline.tenants[0].venue-address", VENUE_ADDRESS);
        tenant.put("confirmline.tenants[0].assistant-faq", ASSISTANT_FAQ);
        tenant.put("confirmline.tenants[0].availability-url", availabilityUrl(ports));
        return tenant;
    }

    /** The platform sandbox's availability endpoint, the demo tenant's {@code availability-url}. */
    static String availabilityUrl(Ports ports) {
        return "http://127.0.0.1:" + ports.platform() + "/availability";
    }

    private static Map<String, String> withSecretsKey(Map<String, String> settings) {
        settings.put("confirmline.secrets.key", SECRETS_KEY);
        return settings;
    }

    private static Map<String, String> common(String bootstrap, String registryUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.kafka.bootstrap-servers", bootstrap);
        settings.put("confirmline.kafka.registry-url", registryUrl);
        return settings;
    }

    private static Map<String, String> withDatabase(Map<String, String> settings, Database database) {
        settings.put("spring.r2dbc.url", database.r2dbcUrl());
        settings.put("spring.r2dbc.username", database.username());
        settings.put("spring.r2dbc.password", database.password() == null ? "" : database.password());
        settings.put("spring.flyway.url", database.jdbcUrl());
        settings.put("spring.flyway.user", database.username());
        settings.put("spring.flyway.password", database.password() == null ? "" : database.password());
        return settings;
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + "ms";
    }

    public Ports ports() {
        return ports;
    }

    public String url(String service) {
        return services.stream()
                .filter(s -> s.name().equals(service))
                .findFirst()
                .orElseThrow()
                .url();
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.apiUrl();
    }

    /** The assistant's provider, the OpenAI-compatible stub ({@code PUT /sandbox/behaviour} at its control URL). */
    public AssistantSandbox assistant() {
        return assistant;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Kills one application as {@code kill -9} would (no graceful stop), e.g. {@code call-orchestrator}. */
    public void kill(String service) {
        services.get(indexOf(service)).kill();
    }

    /** Starts a killed or stopped application again, with its settings, and waits until it is healthy. */
    public void restart(String service) {
        int index = indexOf(service);
        ServiceProcess again = services.get(index).restart();
        services.set(index, again);
        again.awaitHealthy(Duration.ofMinutes(3));
    }

    private int indexOf(String service) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(service)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No application " + service);
    }

    /** Stops the applications (gracefully, in reverse order), then the registry and the broker. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        registry.stop();
        kafka.close();
        assistant.close();
    }
}
