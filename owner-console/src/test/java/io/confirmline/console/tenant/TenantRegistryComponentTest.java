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
package io.confirmline.console.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.console.security.ConsolePrincipal;
import io.confirmline.events.TenantConfigured;
import io.confirmline.tenant.SecretsCipher;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectoryProperties;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.ServiceProcess;
import io.confirmline.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The tenant registry over real HTTP on the real broker, registry and PostgreSQL, with the 8x8 sandbox in a JVM
 * of its own: every change is on the context's tenant topic as the services will read it, sealed secrets decrypt
 * with the context's cipher, and no plaintext secret is ever in the topic's bytes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "confirmline.console.admin-token=" + TenantRegistryComponentTest.ADMIN_TOKEN,
            "confirmline.console.secure-cookies=false",
            "confirmline.console.ingress-public-url=https://hooks.confirmline.example/",
            "confirmline.tenants[0].id=yaml-venue",
            "confirmline.tenants[0].display-name=YAML Venue",
            "confirmline.tenants[0].subaccount-id=yaml_voice",
            "confirmline.tenants[0].api-key=" + TenantRegistryComponentTest.YAML_API_KEY,
            "confirmline.tenants[0].caller-id=+34910000000",
            "confirmline.tenants[0].auth-token=" + TenantRegistryComponentTest.YAML_TOKEN,
            "confirmline.tenants[0].platform-api-key=" + TenantRegistryComponentTest.YAML_PLATFORM_KEY,
            "confirmline.tenants[0].signing-secrets=" + TenantRegistryComponentTest.YAML_SIGNING_SECRET,
            "confirmline.tenants[0].callback-url=https://platform.example/hooks/yaml",
            "confirmline.tenants[0].time-zone=Europe/Madrid",
            "confirmline.console.outbox.poll-interval=50ms"
        })
@AutoConfigureWebTestClient
class TenantRegistryComponentTest {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    static final String YAML_API_KEY = "plain-yaml-8x8-api-key";
    static final String YAML_TOKEN = "Bearer plain-yaml-webhook-token";
    static final String YAML_PLATFORM_KEY = "plain-yaml-platform-key";
    /** whsec_ and the base64 of "plain-yaml-signing-key-32-bytes!". */
    static final String YAML_SIGNING_SECRET = "whsec_cGxhaW4teWFtbC1zaWduaW5nLWtleS0zMi1ieXRlcyE=";

    static final String SANDBOX_SUBACCOUNT = "console_voice";
    static final String SANDBOX_KEY = "plain-sandbox-8x8-key";
    /** The sandbox's 8x8 account (8x8's account ids are UUIDs) and its SMS subaccount. */
    static final String SANDBOX_ACCOUNT = "3f6b1d2e-8c4a-4e7f-9b1d-5a6c7e8f9012";

    static final String SANDBOX_SMS_SUBACCOUNT = "console_sms";
    /** The 8x8 sandbox, starting while the context does; only the registration tests wait for it. */
    static final ServiceProcess sandbox = ServiceProcess.start(
            "eightbyeight-sandbox",
            Path.of("..", "eightbyeight-sandbox").toAbsolutePath().normalize(),
            "io.confirmline.sandbox.eightbyeight.EightByEightSandboxApplication",
            RegistryServer.freePort(),
            Map.of(
                    "sandbox.subaccounts[0].id",
                    SANDBOX_SUBACCOUNT,
                    "sandbox.subaccounts[0].api-key",
                    SANDBOX_KEY,
                    "sandbox.subaccounts[0].vca-url",
                    "http://127.0.0.1:9/vca",
                    "sandbox.subaccounts[0].vss-url",
                    "http://127.0.0.1:9/vss",
                    "sandbox.subaccounts[0].webhook-authorization",
                    "portal-token",
                    "sandbox.sms.subaccounts[0].id",
                    SANDBOX_SMS_SUBACCOUNT,
                    "sandbox.sms.subaccounts[0].account-id",
                    SANDBOX_ACCOUNT,
                    "sandbox.sms.subaccounts[0].api-key",
                    SANDBOX_KEY),
            Path.of("target", "sandbox-logs"));

    static TenantTopicLog topic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.kafkaAndDatabase(registry);
        registry.add("confirmline.console.eight-by-eight.base-url", sandbox::url);
        registry.add("confirmline.console.eight-by-eight.sms-base-url", sandbox::url);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    SecretsCipher cipher;

    @Autowired
    DatabaseClient db;

    @Autowired
    ApplicationContext context;

    @Autowired
    TenantDirectoryProperties directory;

    WebTestClient admin;

    @BeforeEach
    void setUp() {
        admin = client.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        if (topic == null) {
            topic = new TenantTopicLog(directory.topic());
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (topic != null) {
            topic.close();
        }
        sandbox.close();
    }

    // ---- creating ----

    @Test
    void aCreatedTenantIsPublishedWithItsSecretsSealedOrDigestedAndNoPlaintextInTheTopicsBytes() {
        String id = freshId();
        String apiKey = "plain-8x8-key-" + UUID.randomUUID();
        String token = "Bearer plain-token-" + UUID.randomUUID();
        String platformKey = "plain-platform-key-" + UUID.randomUUID();
        String signingKey = "plain-signing-key-" + UUID.randomUUID();
        String signing = "whsec_" + Base64.getEncoder().encodeToString(signingKey.getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> body = tenant(id);
        body.put("apiKey", apiKey);
        body.put("webhookTokens", List.of(token));
        body.put("platformApiKeys", List.of(platformKey));
        body.put("signingSecrets", List.of(signing));

        String answer = admin.post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "/api/admin/tenants/" + id)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).doesNotContain(apiKey, token, platformKey, signing).doesNotContain("generated");

        TenantConfigured event = awaitLatest(id);
        Tenant tenant = TenantRecords.toTenant(event, cipher);
        assertThat(tenant.account().apiKey().value()).isEqualTo(apiKey);
        assertThat(tenant.signingSecrets()).extracting(s -> s.value()).containsExactly(signing);
        assertThat(tenant.acceptsWebhookToken(token)).isTrue();
        assertThat(tenant.acceptsPlatformKey(platformKey)).isTrue();
        assertThat(tenant.account().virtualNumbers()).isEqualTo(body.get("virtualNumbers"));
        assertThat(tenant.enabled()).isTrue();
        assertThat(event.getEightByEight().getApiKey().getKeyId()).isEqualTo(cipher.currentKeyId());

        // The raw bytes are searchable as text (the tenant's id and callback URL are there, in clear)...
        assertThat(new String(topic.of(id).get(0).value(), StandardCharsets.ISO_8859_1))
                .contains(id, body.get("callbackUrl").toString());
        // ...and no record on the topic so far (this tenant's, the YAML tenant's, other tests') holds a secret.
        for (TenantTopicLog.Entry entry : topic.all()) {
            assertNoPlaintext(
                    entry.value(),
                    apiKey,
                    token,
                    platformKey,
                    signing,
                    signingKey,
                    signing.substring("whsec_".length()),
                    YAML_API_KEY,
                    YAML_TOKEN,
                    YAML_PLATFORM_KEY,
                    YAML_SIGNING_SECRET);
        }
        // Nor in the console's own table.
        List<byte[]> stored = db.sql(
                        "SELECT coalesce(ciphertext, sha256) AS bytes FROM tenant_secret WHERE tenant_id = :id")
                .bind("id", id)
                .map(row -> toBytes(row.get("bytes", java.nio.ByteBuffer.class)))
                .all()
                .collectList()
                .block();
        assertThat(stored).hasSize(5); // the four given and the console's own key
        stored.forEach(bytes -> assertNoPlaintext(bytes, apiKey, token, platformKey, signing, signingKey));

        Map<String, Object> read = get(id);
        assertThat(((Number) read.get("revision")).longValue()).isEqualTo(event.getRevision());
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> secrets = (Map<String, List<Map<String, Object>>>) read.get("secrets");
        assertThat(secrets.get("apiKey"))
                .singleElement()
                .satisfies(s -> assertThat(s).containsKeys("id", "createdAt", "keyId"));
        assertThat(secrets.get("webhookTokens"))
                .singleElement()
                .satisfies(s -> assertThat(s).containsOnlyKeys("id", "createdAt"));
        assertThat(admin.get()
                        .uri("/api/admin/tenants/" + id)
                        .exchange()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .doesNotContain(apiKey, token, platformKey, signing);
    }

    @Test
    void secretsNotGivenAreGeneratedAndAnsweredOnceOnly() {
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("apiKey", "plain-8x8-key-" + UUID.randomUUID());
        Map<String, Object> created = admin.post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, String>>> generated =
                (Map<String, List<Map<String, String>>>) created.get("generated");
        assertThat(generated).containsOnlyKeys("webhookTokens", "platformApiKeys", "signingSecrets");
        String token = generated.get("webhookTokens").get(0).get("value");
        String platformKey = generated.get("platformApiKeys").get(0).get("value");
        String signing = generated.get("signingSecrets").get(0).get("value");
        assertThat(token).startsWith("Bearer ");
        assertThat(signing).startsWith("whsec_");

        Tenant tenant = TenantRecords.toTenant(awaitLatest(id), cipher);
        assertThat(tenant.acceptsWebhookToken(token)).isTrue();
        assertThat(tenant.acceptsPlatformKey(platformKey)).isTrue();
        assertThat(tenant.signingSecrets()).extracting(s -> s.value()).containsExactly(signing);
        String read = admin.get()
                .uri("/api/admin/tenants/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(read).doesNotContain(token.substring("Bearer ".length()), platformKey, signing, "generated");
    }

    @Test
    void everyBadFieldIsNamedInOneProblem() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "not ok!");
        body.put("subaccountId", "voice/../other");
        body.put("callerId", "0034910000000");
        body.put("virtualNumbers", List.of("+34600", "+3460012345678901"));
        body.put("smsNumbers", List.of(12));
        body.put("venuePhone", "+999123456");
        body.put("callbackUrl", "ftp://platform.example/hooks");
        body.put("timeZone", "Mars/Olympus");
        body.put("leadTime", "0s");
        body.put("minimumNotice", "-5m");
        body.put("retryDelay", "soon");
        body.put("callingOpens", "21:00");
        body.put("callingCloses", "09:00");
        body.put("maxAttempts", 0);
        body.put("confirmDigit", "12");
        body.put("cancelDigit", "5");
        body.put("transferDigit", "5");
        body.put("prompts", Map.of("es", Map.of("goodbye", "Adios {nombre}", "farewell", "x")));
        body.put("signingSecrets", List.of("not-a-whsec-secret"));
        body.put("webhookTokens", List.of("short"));
        body.put("openingHours", List.of(Map.of("day", "FUNDAY", "opens", "25:00", "closes", "10:00")));
        body.put("humanWindow", "5s");
        body.put("availabilityUrl", "https://user:password@platform.example/availability");
        body.put("colour", "blue");

        Map<String, Object> problem = admin.post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
        assertThat(errors)
                .extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder(
                        "id",
                        "subaccountId",
                        "callerId",
                        "virtualNumbers[0]",
                        "virtualNumbers[1]",
                        "smsNumbers[0]",
                        "venuePhone",
                        "callbackUrl",
                        "timeZone",
                        "leadTime",
                        "minimumNotice",
                        "retryDelay",
                        "callingCloses",
                        "maxAttempts",
                        "confirmDigit",
                        "transferDigit",
                        "prompts.es.goodbye",
                        "prompts.es.farewell",
                        "signingSecrets[0]",
                        "webhookTokens[0]",
                        "openingHours[0].day",
                        "openingHours[0].opens",
                        "humanWindow",
                        "availabilityUrl",
                        "colour",
                        "apiKey");
        assertThat(errors)
                .filteredOn(e -> e.get("field").equals("transferDigit"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("message")).contains("cancelDigit"));
        assertThat(problem.get("type")).isEqualTo("https://confirmline.io/problems/admin-400");
        assertThat(problem.toString()).doesNotContain("not-a-whsec-secret");
    }

    @Test
    void aVirtualNumberOfAnotherTenantIsAConflictNamingTheField() {
        Map<String, Object> first = tenant(freshId());
        first.put("apiKey", "plain-8x8-key-first-tenant");
        create(first);
        String taken = ((List<?>) first.get("virtualNumbers")).get(0).toString();

        String id = freshId();
        Map<String, Object> second = tenant(id);
        second.put("apiKey", "plain-8x8-key-second-tenant");
        second.put("virtualNumbers", List.of(freshNumber(), taken));
        Map<String, Object> problem = admin.post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(second)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(problem.get("errors")).asString().contains("virtualNumbers[1]");
        assertThat(problem.toString()).doesNotContain(first.get("id").toString(), "plain-8x8-key-first-tenant");
        admin.get().uri("/api/admin/tenants/" + id).exchange().expectStatus().isNotFound();

        // Changing an existing tenant onto the number is refused alike.
        second.put("virtualNumbers", List.of(freshNumber()));
        create(second);
        Map<String, Object> update = tenant(id);
        update.put("smsNumbers", List.of(taken));
        admin.put()
                .uri("/api/admin/tenants/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("smsNumbers[0]");
    }

    // ---- changing ----

    @Test
    void updateDisableEnableAndDeleteArePublishedInOrderWithRisingRevisions() {
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("apiKey", "plain-8x8-key-" + UUID.randomUUID());
        create(body);
        long created = awaitLatest(id).getRevision();

        Map<String, Object> update = tenant(id);
        update.put("leadTime", "45m");
        update.put("displayName", "Renamed");
        update.put("virtualNumbers", body.get("virtualNumbers"));
        admin.put()
                .uri("/api/admin/tenants/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.leadTime")
                .isEqualTo("PT45M");
        TenantConfigured updated = await(id, e -> e != null && e.getCalling().getLeadTimeMillis() == 45 * 60_000);
        assertThat(updated.getRevision()).isGreaterThan(created);
        assertThat(updated.getDisplayName()).isEqualTo("Renamed");
        // The secrets stay what they were.
        assertThat(TenantRecords.toTenant(updated, cipher).account().apiKey().value())
                .isEqualTo(body.get("apiKey"));

        admin.post()
                .uri("/api/admin/tenants/" + id + "/disable")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enabled")
                .isEqualTo(false);
        TenantConfigured disabled = await(id, e -> e != null && !e.getEnabled());
        assertThat(disabled.getRevision()).isGreaterThan(updated.getRevision());
        // Disabling again changes nothing and publishes nothing.
        admin.post()
                .uri("/api/admin/tenants/" + id + "/disable")
                .exchange()
                .expectStatus()
                .isOk();

        admin.post()
                .uri("/api/admin/tenants/" + id + "/enable")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enabled")
                .isEqualTo(true);
        TenantConfigured enabled = await(id, e -> e != null && e.getEnabled());
        assertThat(enabled.getRevision()).isGreaterThan(disabled.getRevision());

        admin.delete().uri("/api/admin/tenants/" + id).exchange().expectStatus().isNoContent();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<TenantTopicLog.Entry> entries = topic.of(id);
            return !entries.isEmpty() && entries.get(entries.size() - 1).value() == null;
        });
        admin.get().uri("/api/admin/tenants/" + id).exchange().expectStatus().isNotFound();
        assertThat(topic.of(id)).hasSize(5); // created, updated, disabled, enabled, tombstone

        // Created again: a revision above every earlier one, so no service takes it for an old record.
        body.put("virtualNumbers", List.of(freshNumber()));
        create(body);
        assertThat(await(id, e -> e != null).getRevision()).isGreaterThan(enabled.getRevision());
    }

    @Test
    void anUpdateThatTriesToChangeSecretsOrTheIdIsRefusedNamingThem() {
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("apiKey", "plain-8x8-key-" + UUID.randomUUID());
        create(body);
        Map<String, Object> update = tenant("other-id");
        update.put("apiKey", "x");
        update.put("enabled", false);
        update.put("revision", 1);
        admin.put()
                .uri("/api/admin/tenants/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("id", "apiKey", "enabled", "revision"));
        admin.put()
                .uri("/api/admin/tenants/nobody")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(tenant("nobody"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void secretsRotateWithBothLiveAndTheLastOneStays() {
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("apiKey", "plain-8x8-key-old");
        body.put("webhookTokens", List.of("Bearer plain-token-old-0001"));
        body.put("signingSecrets", List.of(secret("old")));
        create(body);
        String oldToken = secretIds(id, "webhookTokens").get(0);
        String oldSigning = secretIds(id, "signingSecrets").get(0);

        // A new token by value, a new signing secret generated (answered once).
        admin.post()
                .uri("/api/admin/tenants/" + id + "/secrets/webhook-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("value", "Bearer plain-token-new-0002"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.value")
                .doesNotExist();
        Map<String, Object> signing = admin.post()
                .uri("/api/admin/tenants/" + id + "/secrets/signing-secrets")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        String newSigning = signing.get("value").toString();
        Tenant both = TenantRecords.toTenant(
                await(id, e -> e != null && e.getSigningSecrets().size() == 2), cipher);
        assertThat(both.acceptsWebhookToken("Bearer plain-token-old-0001")).isTrue();
        assertThat(both.acceptsWebhookToken("Bearer plain-token-new-0002")).isTrue();
        assertThat(both.signingSecrets())
                .extracting(s -> s.value())
                .containsExactlyInAnyOrder(secret("old"), newSigning);

        // The old ones go; only the new ones are left.
        admin.delete()
                .uri("/api/admin/tenants/" + id + "/secrets/webhook-tokens/" + oldToken)
                .exchange()
                .expectStatus()
                .isNoContent();
        admin.delete()
                .uri("/api/admin/tenants/" + id + "/secrets/signing-secrets/" + oldSigning)
                .exchange()
                .expectStatus()
                .isNoContent();
        Tenant rotated = TenantRecords.toTenant(
                await(
                        id,
                        e -> e != null
                                && e.getSigningSecrets().size() == 1
                                && e.getWebhookTokens().size() == 1),
                cipher);
        assertThat(rotated.acceptsWebhookToken("Bearer plain-token-old-0001")).isFalse();
        assertThat(rotated.acceptsWebhookToken("Bearer plain-token-new-0002")).isTrue();
        assertThat(rotated.signingSecrets()).extracting(s -> s.value()).containsExactly(newSigning);

        // The last of a kind stays; an unknown id is a 404.
        String last = secretIds(id, "signingSecrets").get(0);
        admin.delete()
                .uri("/api/admin/tenants/" + id + "/secrets/signing-secrets/" + last)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        admin.delete()
                .uri("/api/admin/tenants/" + id + "/secrets/signing-secrets/sec_00000000")
                .exchange()
                .expectStatus()
                .isNotFound();
        admin.post()
                .uri("/api/admin/tenants/" + id + "/secrets/signing-secrets")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("value", "whsec_???"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("value");

        // The 8x8 API key is replaced, never generated, never removed alone.
        admin.post()
                .uri("/api/admin/tenants/" + id + "/secrets/api-key")
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin.post()
                .uri("/api/admin/tenants/" + id + "/secrets/api-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("value", "plain-8x8-key-new"))
                .exchange()
                .expectStatus()
                .isCreated();
        Tenant newKey = TenantRecords.toTenant(
                await(
                        id,
                        e -> e != null
                                && !TenantRecords.toTenant(e, cipher)
                                        .account()
                                        .apiKey()
                                        .value()
                                        .equals("plain-8x8-key-old")),
                cipher);
        assertThat(newKey.account().apiKey().value()).isEqualTo("plain-8x8-key-new");
        assertThat(secretIds(id, "apiKey")).hasSize(1);
        admin.delete()
                .uri("/api/admin/tenants/" + id + "/secrets/api-key/"
                        + secretIds(id, "apiKey").get(0))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        admin.post()
                .uri("/api/admin/tenants/" + id + "/secrets/passwords")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void readinessWaitsForTheBrokerAndTheDatabase() {
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.kafka.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP");
    }

    // ---- the YAML ----

    @Test
    void theYamlTenantIsImportedOnceAndAnotherImportChangesAndPublishesNothing() throws Exception {
        TenantConfigured imported = awaitLatest("yaml-venue");
        Tenant tenant = TenantRecords.toTenant(imported, cipher);
        assertThat(tenant.account().apiKey().value()).isEqualTo(YAML_API_KEY);
        assertThat(tenant.acceptsWebhookToken(YAML_TOKEN)).isTrue();
        assertThat(tenant.acceptsPlatformKey(YAML_PLATFORM_KEY)).isTrue();
        assertThat(tenant.signingSecrets()).extracting(s -> s.value()).containsExactly(YAML_SIGNING_SECRET);
        assertThat(tenant.timeZone().getId()).isEqualTo("Europe/Madrid");
        long outboxRows = outboxRows();

        // As a restart would: the import runs again over the same database.
        context.getBean("yamlTenantImport", ApplicationRunner.class).run(new DefaultApplicationArguments());

        assertThat(outboxRows()).isEqualTo(outboxRows);
        // A marker published after it: once it is on the topic, anything the import wrote would be too.
        Map<String, Object> marker = tenant(freshId());
        marker.put("apiKey", "plain-8x8-key-marker");
        create(marker);
        awaitLatest(marker.get("id").toString());
        assertThat(topic.of("yaml-venue")).hasSize(1);
        assertThat(((Number) get("yaml-venue").get("revision")).longValue()).isEqualTo(imported.getRevision());
    }

    // ---- webhook registration with 8x8 (the sandbox) ----

    @Test
    void registeringWebhooksMintsATokenRegistersItWithEightByEightAndPublishesItsDigest() {
        sandbox.awaitHealthy(Duration.ofSeconds(60));
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("subaccountId", SANDBOX_SUBACCOUNT);
        body.put("accountId", SANDBOX_ACCOUNT);
        body.put("smsSubaccountId", SANDBOX_SMS_SUBACCOUNT);
        body.put("smsNumbers", List.of(freshNumber()));
        body.put("apiKey", SANDBOX_KEY);
        body.put("webhookTokens", List.of("Bearer plain-known-token-0001"));
        create(body);
        String original = secretIds(id, "webhookTokens").get(0);

        Map<String, Object> answer = admin.post()
                .uri("/api/admin/tenants/" + id + "/register-webhooks")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(answer.get("subAccountId")).isEqualTo(SANDBOX_SUBACCOUNT);
        assertThat(answer.get("webhooks"))
                .asString()
                .contains(
                        "VCA",
                        "VSS",
                        "https://hooks.confirmline.example/webhooks/8x8/vca",
                        "https://hooks.confirmline.example/webhooks/8x8/vss");
        String tokenId = answer.get("webhookTokenId").toString();
        assertThat(secretIds(id, "webhookTokens")).containsExactly(original, tokenId);

        List<Map<String, Object>> requests = WebTestClient.bindToServer()
                .baseUrl(sandbox.url())
                .build()
                .get()
                .uri("/sandbox/webhook-registrations")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody();
        List<Map<String, Object>> ours = requests.stream()
                .filter(r -> SANDBOX_SUBACCOUNT.equals(r.get("subaccountId")))
                .toList();
        assertThat(ours).hasSizeGreaterThanOrEqualTo(2);
        List<Map<String, Object>> lastTwo = ours.subList(ours.size() - 2, ours.size());
        assertThat(lastTwo).extracting(r -> r.get("authorization")).containsOnly("Bearer " + SANDBOX_KEY);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bodies =
                lastTwo.stream().map(r -> (Map<String, Object>) r.get("body")).toList();
        assertThat(bodies).extracting(b -> b.get("type")).containsExactly("VCA", "VSS");
        assertThat(bodies).extracting(b -> b.get("enabled")).containsOnly(true);
        String registered = bodies.get(0).get("httpAuthHeader").toString();
        assertThat(bodies.get(1).get("httpAuthHeader")).isEqualTo(registered);

        // The SMS webhooks, per 8x8 account: MO and DR of the SMS subaccount, with the same token.
        assertThat(answer.get("sms"))
                .isEqualTo(Map.of(
                        "accountId",
                        SANDBOX_ACCOUNT,
                        "subAccountId",
                        SANDBOX_SMS_SUBACCOUNT,
                        "webhooks",
                        List.of(
                                Map.of(
                                        "type",
                                        "MO",
                                        "url",
                                        "https://hooks.confirmline.example/webhooks/8x8/sms/inbound"),
                                Map.of(
                                        "type",
                                        "DR",
                                        "url",
                                        "https://hooks.confirmline.example/webhooks/8x8/sms/receipts"))));
        Map<String, Object> smsRequest = lastSmsRegistration();
        assertThat(smsRequest.get("authorization")).isEqualTo("Bearer " + SANDBOX_KEY);
        assertThat(smsRequest.get("accountId")).isEqualTo(SANDBOX_ACCOUNT);
        assertThat(smsRequest.get("body"))
                .isEqualTo(List.of(
                        Map.of(
                                "subAccountId",
                                SANDBOX_SMS_SUBACCOUNT,
                                "type",
                                "MO",
                                "url",
                                "https://hooks.confirmline.example/webhooks/8x8/sms/inbound",
                                "httpAuthorization",
                                registered,
                                "enabled",
                                true),
                        Map.of(
                                "subAccountId",
                                SANDBOX_SMS_SUBACCOUNT,
                                "type",
                                "DR",
                                "url",
                                "https://hooks.confirmline.example/webhooks/8x8/sms/receipts",
                                "httpAuthorization",
                                registered,
                                "enabled",
                                true)));
        WebTestClient.bindToServer()
                .baseUrl(sandbox.url())
                .build()
                .get()
                .uri("/api/v1/accounts/" + SANDBOX_ACCOUNT + "/webhooks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SANDBOX_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].type")
                .value(types -> assertThat((List<Object>) types).containsExactly("DR", "MO"));

        // What 8x8 will send is what the services accept: the published digest matches it...
        Tenant tenant = TenantRecords.toTenant(
                await(id, e -> e != null && e.getWebhookTokens().size() == 2), cipher);
        assertThat(tenant.acceptsWebhookToken(registered)).isTrue();
        // ...and what went to 8x8 is the token itself, not its digest; the console never answers it.
        TenantConfigured event = topic.latest(id);
        byte[] digest = toBytes(event.getWebhookTokens().get(1).getSha256());
        assertThat(registered)
                .isNotIn(
                        Base64.getEncoder().encodeToString(digest),
                        java.util.HexFormat.of().formatHex(digest));
        assertThat(answer.toString()).doesNotContain(registered);
        assertThat(get(id).toString()).doesNotContain(registered);

        // Registered again with a token the caller names: one of the tenant's, no new secret.
        admin.post()
                .uri("/api/admin/tenants/" + id + "/register-webhooks")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("webhookToken", "Bearer plain-known-token-0001"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.webhookTokenId")
                .isEqualTo(original);
        List<Map<String, Object>> again = WebTestClient.bindToServer()
                .baseUrl(sandbox.url())
                .build()
                .get()
                .uri("/sandbox/webhook-registrations")
                .exchange()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody();
        assertThat(again.subList(again.size() - 2, again.size()))
                .extracting(r -> (Object) ((Map<?, ?>) r.get("body")).get("httpAuthHeader"))
                .containsOnly("Bearer plain-known-token-0001");
        assertThat(secretIds(id, "webhookTokens")).containsExactly(original, tokenId);
        assertThat(lastSmsRegistration().get("body"))
                .asString()
                .contains("httpAuthorization=Bearer plain-known-token-0001")
                .doesNotContain(registered);
        admin.post()
                .uri("/api/admin/tenants/" + id + "/register-webhooks")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("webhookToken", "Bearer not-one-of-the-tenants"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("webhookToken");
    }

    Map<String, Object> lastSmsRegistration() {
        List<Map<String, Object>> requests = WebTestClient.bindToServer()
                .baseUrl(sandbox.url())
                .build()
                .get()
                .uri("/sandbox/sms/webhook-registrations")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody();
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    @Test
    void anSmsSubaccountWithoutAnAccountIdIsAConflictBeforeAnythingIsRegisteredAndEightByEightsRefusalAGateway() {
        sandbox.awaitHealthy(Duration.ofSeconds(60));
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("subaccountId", SANDBOX_SUBACCOUNT);
        body.put("apiKey", SANDBOX_KEY);
        body.remove("accountId");
        body.put("smsSubaccountId", SANDBOX_SMS_SUBACCOUNT);
        create(body);
        List<String> before = secretIds(id, "webhookTokens");
        int voiceRequests = WebTestClient.bindToServer()
                .baseUrl(sandbox.url())
                .build()
                .get()
                .uri("/sandbox/webhook-registrations")
                .exchange()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody()
                .size();

        admin.post()
                .uri("/api/admin/tenants/" + id + "/register-webhooks")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("accountId")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("accountId", "nothing was registered"));
        assertThat(secretIds(id, "webhookTokens")).isEqualTo(before);
        assertThat(WebTestClient.bindToServer()
                        .baseUrl(sandbox.url())
                        .build()
                        .get()
                        .uri("/sandbox/webhook-registrations")
                        .exchange()
                        .expectBody(LIST)
                        .returnResult()
                        .getResponseBody())
                .hasSize(voiceRequests);

        // An account the key does not belong to: 8x8 refuses the SMS webhooks, after the voice ones were registered.
        Map<String, Object> update = new LinkedHashMap<>(body);
        update.remove("apiKey");
        update.put("accountId", "00000000-0000-4000-8000-000000000000");
        admin.put()
                .uri("/api/admin/tenants/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update)
                .exchange()
                .expectStatus()
                .isOk();
        admin.post()
                .uri("/api/admin/tenants/" + id + "/register-webhooks")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectBody()
                .jsonPath("$.eightByEightStatus")
                .isEqualTo(401)
                .jsonPath("$.eightByEightCode")
                .isEqualTo("1200")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("SMS MO and DR", "register again to finish"));
    }

    @Test
    void eightByEightRefusingTheRegistrationIsABadGatewayAndLeavesTheTokensAsTheyWere() {
        sandbox.awaitHealthy(Duration.ofSeconds(60));
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("subaccountId", SANDBOX_SUBACCOUNT);
        body.put("apiKey", "plain-8x8-key-that-8x8-refuses");
        create(body);
        List<String> before = secretIds(id, "webhookTokens");

        admin.post()
                .uri("/api/admin/tenants/" + id + "/register-webhooks")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.eightByEightStatus")
                .isEqualTo(401)
                .jsonPath("$.eightByEightCode")
                .isEqualTo("401");
        assertThat(secretIds(id, "webhookTokens")).isEqualTo(before);
        await(id, e -> e != null && e.getWebhookTokens().size() == before.size());

        // A subaccount 8x8 does not know.
        String other = freshId();
        Map<String, Object> unknown = tenant(other);
        unknown.put("subaccountId", "nobody_voice");
        unknown.put("apiKey", SANDBOX_KEY);
        create(unknown);
        admin.post()
                .uri("/api/admin/tenants/" + other + "/register-webhooks")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectBody()
                .jsonPath("$.eightByEightStatus")
                .isEqualTo(404);
    }

    // ---- who may do what ----

    @Test
    void anOwnerManagesOnlyTheirTenantStaffOnlyLookAndNobodyElseSeesIt() {
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("apiKey", "plain-8x8-key-" + UUID.randomUUID());
        create(body);
        String other = freshId();
        Map<String, Object> otherBody = tenant(other);
        otherBody.put("apiKey", "plain-8x8-key-" + UUID.randomUUID());
        create(otherBody);

        WebTestClient owner = as(new ConsolePrincipal("owner@" + id, ConsolePrincipal.Role.OWNER, Optional.of(id)));
        WebTestClient staff = as(new ConsolePrincipal("staff@" + id, ConsolePrincipal.Role.STAFF, Optional.of(id)));

        owner.get().uri("/api/admin/tenants/" + id).exchange().expectStatus().isOk();
        owner.get()
                .uri("/api/admin/tenants")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].id")
                .isEqualTo(id);
        Map<String, Object> update = new LinkedHashMap<>(body);
        update.remove("apiKey");
        update.put("displayName", "Changed by its owner");
        owner.put()
                .uri("/api/admin/tenants/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update)
                .exchange()
                .expectStatus()
                .isOk();
        owner.post()
                .uri("/api/admin/tenants/" + id + "/secrets/platform-keys")
                .exchange()
                .expectStatus()
                .isCreated();
        // Not theirs: as if it did not exist.
        owner.get().uri("/api/admin/tenants/" + other).exchange().expectStatus().isNotFound();
        owner.put()
                .uri("/api/admin/tenants/" + other)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(otherBody)
                .exchange()
                .expectStatus()
                .isNotFound();
        owner.post()
                .uri("/api/admin/tenants/" + other + "/secrets/platform-keys")
                .exchange()
                .expectStatus()
                .isNotFound();
        owner.post()
                .uri("/api/admin/tenants/" + other + "/register-webhooks")
                .exchange()
                .expectStatus()
                .isNotFound();
        // The platform admin's alone.
        owner.post()
                .uri("/api/admin/tenants/" + id + "/disable")
                .exchange()
                .expectStatus()
                .isForbidden();
        owner.delete().uri("/api/admin/tenants/" + id).exchange().expectStatus().isForbidden();
        owner.post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(tenant(freshId()))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        staff.get().uri("/api/admin/tenants/" + id).exchange().expectStatus().isOk();
        staff.put()
                .uri("/api/admin/tenants/" + id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(update)
                .exchange()
                .expectStatus()
                .isForbidden();
        staff.post()
                .uri("/api/admin/tenants/" + id + "/secrets/platform-keys")
                .exchange()
                .expectStatus()
                .isForbidden();
        staff.get().uri("/api/admin/tenants/" + other).exchange().expectStatus().isNotFound();

        client.get().uri("/api/admin/tenants/" + id).exchange().expectStatus().isUnauthorized();
        client.get()
                .uri("/api/admin/tenants/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token-0123456789abcd")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void everyChangeIsAuditedWithoutSecretValues() {
        String id = freshId();
        Map<String, Object> body = tenant(id);
        body.put("apiKey", "plain-8x8-key-audited");
        create(body);
        admin.post()
                .uri("/api/admin/tenants/" + id + "/secrets/webhook-tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("value", "Bearer plain-token-audited"))
                .exchange()
                .expectStatus()
                .isCreated();
        admin.post()
                .uri("/api/admin/tenants/" + id + "/disable")
                .exchange()
                .expectStatus()
                .isOk();
        List<Map<String, Object>> lines = db.sql("SELECT actor, action, detail, remote_address FROM audit_log "
                        + "WHERE tenant_id = :id ORDER BY id")
                .bind("id", id)
                .fetch()
                .all()
                .collectList()
                .block();
        assertThat(lines)
                .extracting(l -> l.get("action"))
                .containsExactly("tenant.created", "tenant.secret.added", "tenant.disabled");
        assertThat(lines).extracting(l -> l.get("actor")).containsOnly("platform-admin");
        assertThat(lines).extracting(l -> l.get("remote_address")).doesNotContainNull();
        assertThat(lines.toString())
                .doesNotContain("plain-8x8-key-audited", "plain-token-audited")
                .contains("sec_");
    }

    // ---- helpers ----

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};
    static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {};

    /** A client of the running context acting as {@code principal} (a signed-in user), with a CSRF token. */
    WebTestClient as(ConsolePrincipal principal) {
        return WebTestClient.bindToApplicationContext(context)
                .apply(SecurityMockServerConfigurers.springSecurity())
                .configureClient()
                .build()
                .mutateWith(SecurityMockServerConfigurers.mockAuthentication(new TestingAuthenticationToken(
                        principal, null, "ROLE_" + principal.role().name())))
                .mutateWith(SecurityMockServerConfigurers.csrf());
    }

    /** A valid tenant, without secrets, with numbers of its own. */
    static Map<String, Object> tenant(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("displayName", "Venue " + id);
        body.put("accountId", "acc-1");
        body.put("subaccountId", id.replace('-', '_') + "_voice");
        body.put("callerId", "+34910000000");
        body.put("virtualNumbers", new ArrayList<>(List.of(freshNumber())));
        body.put("callbackUrl", "https://platform.example/hooks/" + id);
        body.put("timeZone", "Europe/Madrid");
        body.put("leadTime", "30m");
        body.put("callingOpens", "09:00");
        body.put("callingCloses", "21:30");
        body.put("confirmDigit", "1");
        body.put("cancelDigit", "0");
        body.put("transferDigit", "9");
        body.put("voices", Map.of("default", "en-US-Standard-C", "es", "es-ES-Standard-A"));
        body.put("prompts", Map.of("es", Map.of("goodbye", "Adios {name}")));
        body.put("venuePhone", "+34910000001");
        body.put("openingHours", List.of(Map.of("day", "FRIDAY", "opens", "18:00", "closes", "01:00")));
        return body;
    }

    void create(Map<String, Object> body) {
        admin.post()
                .uri("/api/admin/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    Map<String, Object> get(String id) {
        return admin.get()
                .uri("/api/admin/tenants/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    List<String> secretIds(String id, String kind) {
        Map<String, List<Map<String, Object>>> secrets =
                (Map<String, List<Map<String, Object>>>) get(id).get("secrets");
        return secrets.get(kind).stream().map(s -> s.get("id").toString()).toList();
    }

    long outboxRows() {
        return db.sql("SELECT count(*) AS n FROM outbox")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    static TenantConfigured awaitLatest(String id) {
        return await(id, e -> e != null);
    }

    static TenantConfigured await(String id, java.util.function.Predicate<TenantConfigured> condition) {
        return await(topic, id, condition);
    }

    /** The tenant's newest record on {@code log} once it satisfies {@code condition}. */
    static TenantConfigured await(
            TenantTopicLog log, String id, java.util.function.Predicate<TenantConfigured> condition) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> log.of(id).isEmpty() ? null : log.latest(id), e -> e != null && condition.test(e));
    }

    static String freshId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A Spanish mobile number of this run (libphonenumber knows +34 6xx xxx xxx as valid). */
    static String freshNumber() {
        return "+346" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    static String secret(String seed) {
        return "whsec_"
                + Base64.getEncoder().encodeToString(("plain-signing-" + seed).getBytes(StandardCharsets.US_ASCII));
    }

    static void assertNoPlaintext(byte[] bytes, String... secrets) {
        if (bytes == null) {
            return;
        }
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
            assertThat(raw).doesNotContain(secret);
        }
    }

    static byte[] toBytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
