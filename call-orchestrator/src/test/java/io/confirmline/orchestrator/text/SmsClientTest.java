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
package io.confirmline.orchestrator.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.confirmline.tenant.Tenant;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SMS client against a local HTTP server answering in 8x8's documented formats (8x8-voice-api.md §7). */
class SmsClientTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String QUEUED = """
            {"umid":"bda3d56d-1424-e711-813c-06ed3428fe67","clientMessageId":"text-1","destination":"34600000022",
             "encoding":"GSM7","status":{"code":"QUEUED","description":"SMS is accepted and queued for processing"}}""";
    static final String REJECTED = """
            {"umid":"c0ffee00-1424-e711-813c-06ed3428fe67","clientMessageId":"text-1","destination":"34600000022",
             "encoding":"GSM7","status":{"code":"REJECTED","description":"Destination is blocked"}}""";
    static final String INVALID = """
            {"code":1002,"message":"Invalid destination","errorId":"1cc1eda1-f5dd-ea11-8288-0263195dd35a",
             "timestamp":"2020-12-22T05:52:01.85Z"}""";

    record Answer(int status, String body, String retryAfter, Duration delay) {
        static Answer of(int status, String body) {
            return new Answer(status, body, null, Duration.ZERO);
        }
    }

    record Request(String path, String authorization, String contentType, JsonNode body, Instant at) {}

    final Deque<Answer> answers = new ArrayDeque<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final Tenant tenant = TextTenants.luigis();
    final SmsClient.OutgoingText text = SmsClient.OutgoingText.from(
            tenant,
            "text-1",
            "+34600000022",
            "Luigi's: your table for 4 on Fri 12 Dec at 20:00. Reply 1 to confirm or 0 to cancel your table.");
    volatile Answer always;
    LoopResources loops;
    DisposableServer server;

    @BeforeEach
    void start() {
        loops = LoopResources.create("fake-8x8-sms", 1, true);
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            requests.add(new Request(
                                    request.uri(),
                                    request.requestHeaders().get("Authorization"),
                                    request.requestHeaders().get("Content-Type"),
                                    JSON.readTree(body),
                                    Instant.now()));
                            Answer answer = always != null
                                    ? always
                                    : answers.isEmpty() ? Answer.of(200, QUEUED) : answers.poll();
                            if (answer.retryAfter() != null) {
                                response.header("Retry-After", answer.retryAfter());
                            }
                            return Mono.delay(answer.delay())
                                    .then(response.status(answer.status())
                                            .header("Content-Type", "application/json")
                                            .sendString(Mono.just(answer.body()))
                                            .then());
                        }))
                .bindNow();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        loops.dispose();
    }

    SmsClient client(URI baseUrl) {
        return new SmsClient(
                org.springframework.web.reactive.function.client.WebClient.builder(),
                new SmsProperties(baseUrl, Duration.ofMillis(400), 4, Duration.ofMillis(20), Duration.ofSeconds(2)));
    }

    SendResult send() {
        return client(URI.create("http://127.0.0.1:" + server.port()))
                .send(tenant, text)
                .block(Duration.ofSeconds(30));
    }

    @Test
    void aQueuedTextIsAcceptedAndTheRequestIsExactlyAsEightByEightDocumentsIt() {
        assertThat(send()).isEqualTo(new SendResult.Accepted("bda3d56d-1424-e711-813c-06ed3428fe67", "GSM7"));

        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/api/v1/subaccounts/luigis_sms/messages");
            assertThat(request.authorization()).isEqualTo("Bearer " + TextTenants.API_KEY);
            assertThat(request.contentType()).startsWith("application/json");
            assertThat(request.body()).isEqualTo(JSON.readTree("""
                    {"destination":"+34600000022","source":"+390212349999",
                     "text":"Luigi's: your table for 4 on Fri 12 Dec at 20:00. Reply 1 to confirm or 0 to cancel your table.",
                     "clientMessageId":"text-1","encoding":"AUTO"}"""));
        });
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterAndSendsTheSameClientMessageIdAgain() {
        answers.add(new Answer(429, "", "1", Duration.ZERO));

        assertThat(send()).isEqualTo(new SendResult.Accepted("bda3d56d-1424-e711-813c-06ed3428fe67", "GSM7"));

        assertThat(requests).hasSize(2);
        assertThat(requests)
                .extracting(r -> r.body().get("clientMessageId").asString())
                .containsOnly("text-1");
        assertThat(requests.get(0).body()).isEqualTo(requests.get(1).body());
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffIsHonouredByGivingUpForNow() {
        answers.add(new Answer(429, "", "60", Duration.ZERO));

        assertThat(send())
                .isInstanceOfSatisfying(
                        SendResult.Unavailable.class,
                        u -> assertThat(u.reason()).contains("429").contains("60 s"));
        assertThat(requests).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedWithTheSameRequestUntilEightByEightQueuesIt() {
        answers.add(Answer.of(503, "{\"message\":\"Service unavailable\"}"));
        answers.add(Answer.of(502, "<html>Bad gateway</html>"));

        assertThat(send()).isInstanceOf(SendResult.Accepted.class);

        assertThat(requests).hasSize(3);
        assertThat(requests)
                .extracting(Request::body)
                .containsOnly(requests.get(0).body());
    }

    @Test
    void aTimeoutIsRetriedWithTheSameClientMessageId() {
        answers.add(new Answer(200, QUEUED, null, Duration.ofMillis(800)));

        assertThat(send()).isInstanceOf(SendResult.Accepted.class);

        assertThat(requests).hasSize(2);
        assertThat(requests)
                .extracting(r -> r.body().get("clientMessageId").asString())
                .containsOnly("text-1");
    }

    @Test
    void aValidationErrorIsRefusedAtOnceWithEightByEightsCode() {
        answers.add(Answer.of(400, INVALID));

        assertThat(send()).isEqualTo(new SendResult.Refused(400, "1002", "Invalid destination"));
        assertThat(requests).hasSize(1);
    }

    @Test
    void aBadKeyIsRefusedWithTheHttpStatusWhenTheBodyNamesNoCode() {
        answers.add(Answer.of(401, ""));

        assertThat(send()).isEqualTo(new SendResult.Refused(401, "401", null));
        assertThat(requests).hasSize(1);
    }

    @Test
    void aRejectedStatusIsRefusedWithEightByEightsDescription() {
        answers.add(Answer.of(200, REJECTED));

        assertThat(send()).isEqualTo(new SendResult.Refused(200, "REJECTED", "Destination is blocked"));
        assertThat(requests).hasSize(1);
    }

    @Test
    void serverErrorsForEverAreUnavailableAfterMaxTries() {
        always = Answer.of(500, "{\"code\":1500,\"message\":\"Internal error\"}");

        assertThat(send())
                .isInstanceOfSatisfying(
                        SendResult.Unavailable.class,
                        u -> assertThat(u.reason()).contains("500"));
        assertThat(requests).hasSize(4);
    }

    @Test
    void aConnectionThatCannotBeOpenedIsUnavailableAfterMaxTries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SendResult result = client(URI.create("http://127.0.0.1:" + closedPort))
                .send(tenant, text)
                .block(Duration.ofSeconds(30));

        assertThat(result).isInstanceOf(SendResult.Unavailable.class);
    }

    @Test
    void theLogsNeverHoldTheTextTheKeyOrTheWholeNumber() {
        Logger logger = (Logger) LoggerFactory.getLogger(SmsClient.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            answers.add(Answer.of(503, "{\"message\":\"Busy\"}"));
            send();
            answers.add(Answer.of(400, "{\"code\":1002,\"message\":\"Invalid destination +34600000022\"}"));
            send();
            always = Answer.of(500, "");
            send();
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
        }

        assertThat(logs.list).hasSizeGreaterThanOrEqualTo(5);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).allSatisfy(message -> {
            assertThat(message)
                    .doesNotContain("+34600000022")
                    .doesNotContain(TextTenants.API_KEY)
                    .doesNotContain("Reply 1 to confirm")
                    .contains("text-1");
        });
    }

    @Test
    void aClientMessageIdLongerThanEightByEightAcceptsIsAMistakeOfOurs() {
        assertThatThrownBy(() -> new SmsClient.OutgoingText("x".repeat(51), "+34600000022", null, "hi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50");
        assertThat(new SmsClient.OutgoingText("x".repeat(50), "+34600000022", null, "hi").toString())
                .doesNotContain("+34600000022")
                .doesNotContain("hi");
    }
}
