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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/** The client against a local HTTP server that answers in 8x8's documented formats (8x8-voice-api.md §2.4). */
class CallflowsClientTest {

    record Answer(int status, String body, String retryAfter, Duration delay) {
        static Answer of(int status, String body) {
            return new Answer(status, body, null, Duration.ZERO);
        }
    }

    record Request(String path, String authorization, String body) {}

    static final String CREATED =
            "{\"sessionId\":\"03cc8cac-376b-11ef-a28b-0582ff0039d5\",\"sessionStatus\":\"CREATED\","
                    + "\"callFlowRequestId\":\"03cc3e8b\",\"validUntil\":\"2024-07-01T05:50:23.550Z\",\"statusCode\":1,"
                    + "\"statusMessage\":\"Created\"}";

    final Deque<Answer> answers = new ArrayDeque<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    LoopResources loops;
    DisposableServer server;
    CallflowsClient client;

    @BeforeEach
    void start() {
        loops = LoopResources.create("fake-8x8", 1, true);
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
                                    request.uri(), request.requestHeaders().get("Authorization"), body));
                            Answer answer = answers.isEmpty() ? Answer.of(200, CREATED) : answers.poll();
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
        client = new CallflowsClient(
                WebClient.builder(),
                new CallflowsClient.Settings(
                        URI.create("http://127.0.0.1:" + server.port()),
                        Duration.ofMillis(500),
                        3,
                        Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        loops.dispose();
    }

    private PlaceCallResult place() {
        return client.placeCall("luigis_voice", "api-key-123", "{\"callflow\":[]}")
                .block(Duration.ofSeconds(30));
    }

    @Test
    void aCreatedSessionIsPlacedAndTheRequestCarriesPathKeyAndBody() {
        assertThat(place()).isEqualTo(new PlaceCallResult.Placed("03cc8cac-376b-11ef-a28b-0582ff0039d5"));
        assertThat(requests)
                .singleElement()
                .isEqualTo(new Request(
                        "/api/v1/subaccounts/luigis_voice/callflows", "Bearer api-key-123", "{\"callflow\":[]}"));
    }

    @Test
    void validationCodesFailAtOnceWithEightByEightsCodeAndMessage() {
        answers.add(Answer.of(
                422,
                "{\"sessionStatus\":\"NOT_CREATED\",\"callFlowRequestId\":\"767ca1b8\","
                        + "\"statusCode\":-1017,\"statusMessage\":\"Invalid MSISDN format in Destination\"}"));

        PlaceCallResult result = place();

        assertThat(result)
                .isInstanceOfSatisfying(
                        PlaceCallResult.Rejected.class,
                        rejected -> assertThat(rejected.reason())
                                .isEqualTo("8x8 -1017 Invalid MSISDN format in Destination"));
        assertThat(requests).hasSize(1);
    }

    @Test
    void aWrongKeyIsRejectedNotRetried() {
        answers.add(Answer.of(
                401, "{\"statusCode\":401,\"statusMessage\":\"Authentication header not found or token invalid\"}"));
        assertThat(place()).isInstanceOf(PlaceCallResult.Rejected.class);
        assertThat(requests).hasSize(1);
    }

    static final String NOT_CREATED_503 = "{\"sessionStatus\":\"NOT_CREATED\",\"callFlowRequestId\":\"767ca1b8\","
            + "\"statusCode\":503,\"statusMessage\":\"Service unavailable\"}";

    @Test
    void onlyAnswersProvingNoCallWasCreatedAreRetriedThenSucceed() {
        answers.add(new Answer(429, "{}", "1", Duration.ZERO));
        answers.add(Answer.of(503, NOT_CREATED_503));
        answers.add(Answer.of(
                422,
                "{\"sessionStatus\":\"NOT_CREATED\",\"statusCode\":-1019,\"statusMessage\":\"Execute scenario\"}"));

        long started = System.nanoTime();
        assertThat(place()).isInstanceOf(PlaceCallResult.Placed.class);

        assertThat(requests).hasSize(4);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("Retry-After: 1 honoured")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTimeoutIsAnUnknownOutcomeAndIsNeverSentAgain() {
        answers.add(new Answer(200, CREATED, null, Duration.ofSeconds(2))); // longer than the 500 ms timeout

        assertThat(place())
                .isInstanceOfSatisfying(
                        PlaceCallResult.OutcomeUnknown.class,
                        unknown -> assertThat(unknown.reason())
                                .contains("did not answer in time")
                                .contains("may have been placed"));
        assertThat(requests)
                .as("one request: a second could ring the guest twice")
                .hasSize(1);
    }

    @Test
    void aServerErrorThatDoesNotSayNotCreatedIsAnUnknownOutcomeNotRetried() {
        answers.add(Answer.of(500, "{\"statusCode\":500,\"statusMessage\":\"Internal error\"}"));
        answers.add(Answer.of(502, "<html>Bad gateway</html>"));

        assertThat(place()).isInstanceOf(PlaceCallResult.OutcomeUnknown.class);
        assertThat(requests).hasSize(1);
    }

    @Test
    void aConnectionRefusedBeforeSendingIsRetriedThenUnavailable() {
        int closedPort = server.port();
        server.disposeNow();
        CallflowsClient refused = new CallflowsClient(
                WebClient.builder(),
                new CallflowsClient.Settings(
                        URI.create("http://127.0.0.1:" + closedPort),
                        Duration.ofMillis(500),
                        2,
                        Duration.ofMillis(20)));

        assertThat(refused.placeCall("luigis_voice", "k", "{}").block(Duration.ofSeconds(30)))
                .isInstanceOf(PlaceCallResult.Unavailable.class);
    }

    @Test
    void whenRetriesRunOutTheAttemptIsUnavailableWithTheLastReason() {
        for (int i = 0; i < 4; i++) {
            answers.add(Answer.of(503, NOT_CREATED_503));
        }
        assertThat(place()).isEqualTo(new PlaceCallResult.Unavailable("8x8 answered HTTP 503 503 Service unavailable"));
        assertThat(requests).hasSize(4);
    }
}
