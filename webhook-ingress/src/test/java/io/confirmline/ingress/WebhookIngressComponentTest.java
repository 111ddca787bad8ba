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
package io.confirmline.ingress;

import static io.confirmline.ingress.IngressTestSupport.LUIGIS_AUTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.events.CallActionReceived;
import io.confirmline.events.SessionStatus;
import io.confirmline.events.SessionSummaryReceived;
import io.confirmline.events.Topics;
import io.confirmline.security.SecretDigest;
import io.confirmline.tenant.NamedDigest;
import io.confirmline.tenant.NamedSecret;
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.tenant.TenantSettings;
import io.confirmline.tenant.testing.TestTenantPublisher;
import io.confirmline.testing.RegistryServer;
import io.confirmline.testing.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The ingress on the real broker and registry, called over HTTP as 8x8 calls it. */
class WebhookIngressComponentTest extends IngressComponentContext {

    static KafkaConsumer<String, CallActionReceived> actions;
    static KafkaConsumer<String, SessionSummaryReceived> summaries;

    @BeforeAll
    static void consumers() {
        actions = IngressTestSupport.consumer(
                SharedKafka.bootstrapServers(), RegistryServer.shared().apiUrl(), Topics.CALL_ACTIONS.name());
        summaries = IngressTestSupport.consumer(
                SharedKafka.bootstrapServers(), RegistryServer.shared().apiUrl(), Topics.SESSION_SUMMARIES.name());
    }

    @AfterAll
    static void close() {
        actions.close();
        summaries.close();
    }

    @Autowired
    WebTestClient http;

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    private WebTestClient.ResponseSpec post(String path, String authorization, MediaType type, byte[] body) {
        WebTestClient.RequestBodySpec request = http.post().uri(path).contentType(type);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec post(String path, byte[] body) {
        return post(path, LUIGIS_AUTH, MediaType.APPLICATION_JSON, body);
    }

    private static byte[] vcaFor(String sessionId, String digit, String eventId) {
        String body = Fixtures.text("vca-event-data-object.json")
                .replace("a4fad4b3-b388-12ee-b217-2fb8260fcf59", sessionId)
                .replace("\"dtmf\": \"1\"", "\"dtmf\": \"" + digit + "\"")
                .replace("77e6a667-133a-11ef-9dd4-e911cc6fc82f", eventId);
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readinessWaitsForTheSessionViewAndTheTenants() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http.get()
                        .uri("/actuator/health/readiness")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.components.sessionView.status")
                        .isEqualTo("UP")
                        .jsonPath("$.components.tenants.status")
                        .isEqualTo("UP"));
    }

    @Autowired
    TestTenantPublisher tenantTopic;

    @Autowired
    TenantDirectory directory;

    /** How long a change on tenants.v1 may take to be served ("within seconds", issue #13). */
    static final Duration LIVE = Duration.ofSeconds(10);

    @Test
    void aTenantPublishedWhileRunningIsServedWithinSecondsWithoutARestart() {
        String id = "new-" + UUID.randomUUID();
        String token = "Bearer " + id + "-token";
        tenantTopic.publish(tenantSettings(id, true, token));

        String eventId = UUID.randomUUID().toString();
        awaitVca(id, token, 200);
        post("/webhooks/8x8/vca", token, MediaType.APPLICATION_JSON, vcaOf(id, "s-" + UUID.randomUUID(), eventId))
                .expectStatus()
                .isOk();

        ConsumerRecord<String, CallActionReceived> published = IngressTestSupport.await(
                        actions, r -> r.value().getEventId().equals(eventId), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(published.value().getTenantId()).isEqualTo(id);
        assertThat(published.value().getSubAccountId()).isEqualTo(subaccountOf(id));
    }

    @Test
    void aRotatedWebhookTokenIsAcceptedAlongsideTheOldOneUntilTheOldOneIsRemoved() {
        String id = "rotating-" + UUID.randomUUID();
        String oldToken = "Bearer " + id + "-old";
        String newToken = "Bearer " + id + "-new";
        TenantSettings settings = tenantSettings(id, true, oldToken);
        tenantTopic.publish(settings);
        awaitVca(id, oldToken, 200);

        tenantTopic.publish(
                settings,
                secrets(
                        new NamedDigest("webhook-token-1", SecretDigest.of(oldToken)),
                        new NamedDigest("webhook-token-2", SecretDigest.of(newToken))));
        awaitVca(id, newToken, 200);
        vca(id, oldToken).expectStatus().isOk();

        tenantTopic.publish(settings, secrets(new NamedDigest("webhook-token-2", SecretDigest.of(newToken))));
        awaitVca(id, oldToken, 401);
        vca(id, newToken).expectStatus().isOk();
    }

    @Test
    void aDisabledTenantsWebhooksAreStillAcceptedSoCallsInFlightFinish() {
        String id = "disabled-" + UUID.randomUUID();
        String token = "Bearer " + id + "-token";
        tenantTopic.publish(tenantSettings(id, true, token));
        awaitVca(id, token, 200);

        tenantTopic.publish(tenantSettings(id, false, token));
        // Only once the ingress holds the switch-off does a 200 below say anything about a disabled tenant.
        Awaitility.await()
                .atMost(LIVE)
                .until(() -> directory.byId(id).map(t -> !t.enabled()).orElse(false));

        vca(id, token).expectStatus().isOk();
        String sessionId = "disabled-vss-" + UUID.randomUUID();
        byte[] summary = Fixtures.text("vss-completed.json")
                .replace("1f048a84-ea6d-11ee-911b-078f7290bf52", sessionId)
                .replace("luigis_voice", subaccountOf(id))
                .getBytes(StandardCharsets.UTF_8);
        post("/webhooks/8x8/vss", token, MediaType.APPLICATION_JSON, summary)
                .expectStatus()
                .isOk();
        assertThat(IngressTestSupport.await(summaries, r -> r.key().equals(sessionId), 1, Duration.ofSeconds(30))
                        .get(0)
                        .value()
                        .getTenantId())
                .isEqualTo(id);
    }

    @Test
    void aDeletedTenantIsUnknown() {
        String id = "deleted-" + UUID.randomUUID();
        String token = "Bearer " + id + "-token";
        tenantTopic.publish(tenantSettings(id, true, token));
        awaitVca(id, token, 200);

        tenantTopic.remove(id);
        awaitVca(id, token, 401);
        vca(id, token)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401);
    }

    /** A tenant as the YAML shape declares it (the owner console's input): the ingress needs only these. */
    private static TenantSettings tenantSettings(String id, boolean enabled, String token) {
        Map<String, String> yaml = Map.of(
                "tenant.id",
                id,
                "tenant.subaccount-id",
                subaccountOf(id),
                "tenant.enabled",
                String.valueOf(enabled),
                "tenant.auth-token",
                token);
        return new Binder(new MapConfigurationPropertySource(yaml))
                .bind("tenant", TenantSettings.class)
                .get();
    }

    private static String subaccountOf(String tenantId) {
        return tenantId + "_voice";
    }

    /** Webhook tokens named by the test, as the console holds them when one is added and another removed. */
    private static TenantRecords.Secrets secrets(NamedDigest... webhookTokens) {
        return new TenantRecords.Secrets(
                new NamedSecret("api-key-1", ""), List.of(webhookTokens), List.of(), List.of());
    }

    private static byte[] vcaOf(String tenantId, String sessionId, String eventId) {
        return new String(vcaFor(sessionId, "1", eventId), StandardCharsets.UTF_8)
                .replace("luigis_voice", subaccountOf(tenantId))
                .getBytes(StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec vca(String tenantId, String token) {
        return post(
                "/webhooks/8x8/vca",
                token,
                MediaType.APPLICATION_JSON,
                vcaOf(tenantId, "s-" + UUID.randomUUID(), UUID.randomUUID().toString()));
    }

    /** Until the VCA answer has {@code status}; the answers before it are not assertion failures (no ERROR log). */
    private void awaitVca(String tenantId, String token, int status) {
        Awaitility.await()
                .atMost(LIVE)
                .until(() -> vca(tenantId, token)
                                .expectBody()
                                .returnResult()
                                .getStatus()
                                .value()
                        == status);
        vca(tenantId, token).expectStatus().isEqualTo(status);
    }

    @Test
    void aKeyPressIsAnsweredFromTheSessionViewAndItsEventPublished() throws Exception {
        String sessionId = "s-" + UUID.randomUUID();
        kafka.send(Topics.SESSIONS.name(), sessionId, IngressTestSupport.session(sessionId))
                .get(10, TimeUnit.SECONDS);
        String eventId = UUID.randomUUID().toString();

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> post(
                                "/webhooks/8x8/vca",
                                vcaFor(sessionId, "1", UUID.randomUUID().toString()))
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .isEqualTo(IngressTestSupport.CONFIRMED_REPLY));
        post("/api/webhooks/vca", vcaFor(sessionId, "7", eventId))
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .isEqualTo(IngressTestSupport.REPROMPT_REPLY);

        ConsumerRecord<String, CallActionReceived> published = IngressTestSupport.await(
                        actions, r -> r.value().getEventId().equals(eventId), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(published.key()).isEqualTo(sessionId);
        assertThat(published.value().getDigits()).isEqualTo("7");
        assertThat(published.value().getTenantId()).isEqualTo("luigis");
        assertThat(published.value().getSessionId()).isEqualTo(sessionId);
    }

    @Test
    void aKeyPressThatBeatsItsSessionToTheIngressIsAnsweredOnceTheSessionArrives() throws Exception {
        // 8x8 rings the guest while the orchestrator is still committing the session it learnt from Send Callflow's
        // answer: the press reaches us first, and the guest must still hear the booking's reply, not the apology.
        String sessionId = "late-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        CompletableFuture<String> reply =
                CompletableFuture.supplyAsync(() -> post("/webhooks/8x8/vca", vcaFor(sessionId, "1", eventId))
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody());
        Thread.sleep(300);
        assertThat(reply).as("the press waits for its session").isNotDone();

        kafka.send(Topics.SESSIONS.name(), sessionId, IngressTestSupport.session(sessionId))
                .get(10, TimeUnit.SECONDS);

        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(IngressTestSupport.CONFIRMED_REPLY);
        CallActionReceived published = IngressTestSupport.await(
                        actions, r -> r.value().getEventId().equals(eventId), 1, Duration.ofSeconds(30))
                .get(0)
                .value();
        assertThat(published.getDigits()).isEqualTo("1");
    }

    @Test
    void anUnknownSessionGetsTheSafeReplyAndTheEventIsStillPublished() {
        String sessionId = "unknown-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();

        post("/webhooks/8x8/vca", vcaFor(sessionId, "1", eventId))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.callflow[0].action")
                .isEqualTo("say")
                .jsonPath("$.callflow[1].action")
                .isEqualTo("hangup");

        IngressTestSupport.await(actions, r -> r.value().getEventId().equals(eventId), 1, Duration.ofSeconds(30));
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("confirmline_ingress_vca_unknown_sessions_total"));
    }

    @Test
    void aSummaryIsAnswered200AfterTheBrokerHasItAndARedeliveryCarriesTheSameEventId() {
        String sessionId = "vss-" + UUID.randomUUID();
        byte[] body = Fixtures.text("vss-error.json")
                .replace("47f19e66-2154-11ee-b1a2-0242ac120002", sessionId)
                .getBytes(StandardCharsets.UTF_8);

        post("/webhooks/8x8/vss", body).expectStatus().isOk();
        post("/api/webhooks/vss", body).expectStatus().isOk();

        List<ConsumerRecord<String, SessionSummaryReceived>> records =
                IngressTestSupport.await(summaries, r -> r.key().equals(sessionId), 2, Duration.ofSeconds(30));
        assertThat(records)
                .extracting(r -> r.value().getEventId())
                .containsOnly(records.get(0).value().getEventId());
        SessionSummaryReceived summary = records.get(0).value();
        assertThat(summary.getSessionStatus()).isEqualTo(SessionStatus.ERROR);
        assertThat(summary.getErrorCode()).isEqualTo(-2004);
        assertThat(summary.getTenantId()).isEqualTo("luigis");
    }

    @Test
    void eventTypesWeDoNotUseAreAnswered200CountedAndNotPublished() {
        post("/webhooks/8x8/vca", Fixtures.bytes("call-status.json"))
                .expectStatus()
                .isOk();

        assertThat(actions.poll(Duration.ofSeconds(2)))
                .noneMatch(r -> r.value().getEventId().equals("c0ffee00-133a-11ef-9dd4-e911cc6fc82f"));
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .value(
                        body -> assertThat(body)
                                .contains(
                                        "confirmline_ingress_webhooks_total{application=\"webhook-ingress\",outcome=\"ignored\",type=\"CALL_STATUS\"}"));
    }

    @Test
    void aMissingOrWrongAuthorizationIs401ProblemJson() {
        byte[] body = Fixtures.bytes("vss-completed.json");
        for (String authorization :
                new String[] {null, "Bearer wrong", LUIGIS_AUTH + "x", "", IngressTestSupport.CLINIC_AUTH}) {
            post("/webhooks/8x8/vss", authorization, MediaType.APPLICATION_JSON, body)
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(401)
                    .jsonPath("$.detail")
                    .isNotEmpty();
        }
    }

    @Test
    void badBodiesAre400ProblemJsonWithTheReason() {
        assertProblem(
                post("/webhooks/8x8/vca", LUIGIS_AUTH, MediaType.TEXT_PLAIN, Fixtures.bytes("vca-no-input.json")),
                400,
                "Content-Type must be application/json");
        assertProblem(
                post("/webhooks/8x8/vca", "{\"payload\": {".getBytes(StandardCharsets.UTF_8)), 400, "Malformed JSON");
        assertProblem(
                post(
                        "/webhooks/8x8/vss",
                        "{\"payload\": {\"subAccountId\": \"luigis_voice\"}}".getBytes(StandardCharsets.UTF_8)),
                400,
                "payload.sessionId is required");
        String deep = "{\"payload\": {\"sessionId\": \"s\", \"subAccountId\": \"luigis_voice\", \"x\": "
                + "[".repeat(500) + "]".repeat(500) + "}}";
        assertProblem(post("/webhooks/8x8/vca", deep.getBytes(StandardCharsets.UTF_8)), 400, "nesting depth");
        byte[] notUtf8 = {'{', '"', 'p', 'a', 'y', 'l', 'o', 'a', 'd', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'
        };
        assertProblem(post("/webhooks/8x8/vca", notUtf8), 400, "UTF-8");
    }

    @Test
    void bodiesOver64KiBAre413() {
        String padding = "x".repeat(70 * 1024);
        byte[] body = ("{\"payload\": {\"sessionId\": \"s\", \"subAccountId\": \"luigis_voice\", \"pad\": \"" + padding
                        + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(post("/webhooks/8x8/vss", body), 413, "limited to 65536 bytes");
    }

    @Test
    void inputThatUsedToGetA500GetsA4xxProblemOrIsStored() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String contentType : List.of("garbage/", "application/json;;;=", "/")) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(url("/webhooks/8x8/vss")))
                            .header("Authorization", LUIGIS_AUTH)
                            .header("Content-Type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Fixtures.bytes("vss-completed.json")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(contentType).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).contains("Content-Type must be application/json");
        }
        for (String huge : List.of("99999999999", "1e20", "1e999", "\"1e999\"")) {
            String sessionId = "huge-" + UUID.randomUUID();
            String summary = Fixtures.text("vss-completed.json")
                    .replace("1f048a84-ea6d-11ee-911b-078f7290bf52", sessionId)
                    .replace("\"callDuration\": 13", "\"callDuration\": " + huge)
                    .replace("\"callCount\": 1,", "");
            String withNumbers = summary.replace(
                    "\"payload\": {",
                    "\"payload\": {\"callCount\": " + huge + ", \"errorDetails\": {\"errorCode\": " + huge + "}, ");
            post("/webhooks/8x8/vss", withNumbers.getBytes(StandardCharsets.UTF_8))
                    .expectStatus()
                    .isOk();
            assertThat(IngressTestSupport.await(summaries, r -> r.key().equals(sessionId), 1, Duration.ofSeconds(30))
                            .get(0)
                            .value()
                            .getErrorCode())
                    .as("out of range, so absent")
                    .isNull();
            String actionId = UUID.randomUUID().toString();
            String action = new String(vcaFor("s-" + UUID.randomUUID(), "1", actionId), StandardCharsets.UTF_8)
                    .replace("\"sipCode\": 200", "\"sipCode\": " + huge)
                    .replace("\"callDuration\": 0", "\"callDuration\": " + huge);
            post("/webhooks/8x8/vca", action.getBytes(StandardCharsets.UTF_8))
                    .expectStatus()
                    .isOk();
            assertThat(IngressTestSupport.await(
                                    actions, r -> r.value().getEventId().equals(actionId), 1, Duration.ofSeconds(30))
                            .get(0)
                            .value()
                            .getSipCode())
                    .isNull();
        }
    }

    @Test
    void frameworkRefusalsAreProblemJsonToo() throws Exception {
        http.get()
                .uri("/webhooks/8x8/vca")
                .header("Authorization", LUIGIS_AUTH)
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("Allow", "POST")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(405);
        http.get()
                .uri("/webhooks/8x8/nowhere")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post()
                .uri("/webhooks/8x8/vca")
                .header("Authorization", LUIGIS_AUTH)
                .header("X-Big", "x".repeat(20_000))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Fixtures.bytes("vca-no-input.json"))
                .exchange()
                .expectStatus()
                .isEqualTo(431)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(431);
        http.get()
                .uri("/webhooks/8x8/vca?q=" + "x".repeat(5_000))
                .exchange()
                .expectStatus()
                .isEqualTo(414)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void eventTypesFromTheBodyDoNotEachGetAMeter() {
        for (int i = 0; i < 5; i++) {
            String body = Fixtures.text("call-status.json")
                    .replace("\"CALL_STATUS\"", "\"INVENTED_" + UUID.randomUUID() + "\"");
            post("/webhooks/8x8/vca", body.getBytes(StandardCharsets.UTF_8))
                    .expectStatus()
                    .isOk();
        }
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .value(
                        body -> assertThat(body)
                                .doesNotContain("INVENTED_")
                                .contains(
                                        "confirmline_ingress_webhooks_total{application=\"webhook-ingress\",outcome=\"ignored\",type=\"other\"} 5"));
    }

    @LocalServerPort
    int port;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void assertProblem(WebTestClient.ResponseSpec response, int status, String reason) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(reason));
    }
}
