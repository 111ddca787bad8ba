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
package io.confirmline.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/** Every error, whoever raises it, reaches the caller as problem+json; only our defects are logged at ERROR. */
class ProblemWebExceptionHandlerTest {

    private AnnotationConfigApplicationContext context;
    private WebTestClient client;
    private ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void start() {
        context = new AnnotationConfigApplicationContext(App.class);
        client = WebTestClient.bindToApplicationContext(context).build();
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(ProblemWebExceptionHandler.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ProblemWebExceptionHandler.class)).detachAppender(logged);
        context.close();
    }

    @Test
    void ourProblemKeepsItsStatusTypeFieldErrorsAndHeaders() {
        client.post()
                .uri("/invalid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.type")
                .isEqualTo("https://confirmline.io/problems/test-400")
                .jsonPath("$.detail")
                .isEqualTo("guestPhone: not E.164; partySize: must be positive")
                .jsonPath("$.errors[0].field")
                .isEqualTo("guestPhone")
                .jsonPath("$.errors[1].message")
                .isEqualTo("must be positive");
        client.get()
                .uri("/unavailable")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Kafka unavailable");
        client.get()
                .uri("/unauthorized")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"test\"")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(errorsLogged()).isEmpty();
    }

    @Test
    void springsOwnRefusalsAreProblemsToo() {
        client.get()
                .uri("/nowhere")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.type")
                .isEqualTo("https://confirmline.io/problems/http-404");
        client.delete()
                .uri("/invalid")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "POST");
        client.post()
                .uri("/echo")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("x")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post()
                .uri("/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"a\":")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(errorsLogged()).isEmpty();
    }

    @Test
    void anUnparsableContentTypeIsA415NotA500() {
        for (String contentType : List.of("garbage/", "application/json;;;=", "/")) {
            client.post()
                    .uri("/echo")
                    .header(HttpHeaders.CONTENT_TYPE, contentType)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(415);
            client.get()
                    .uri("/content-type")
                    .header(HttpHeaders.CONTENT_TYPE, contentType)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(errorsLogged()).isEmpty();
    }

    @Test
    void aDefectIsA500ThatLeaksNothingAndIsLoggedOnceWithItsCorrelationId() {
        byte[] body = client.get()
                .uri("/defect")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(500)
                .jsonPath("$.correlationId")
                .isNotEmpty()
                .returnResult()
                .getResponseBody();
        String text = new String(body, UTF_8);
        assertThat(text).doesNotContain("+447911").doesNotContain("IllegalStateException");
        assertThat(errorsLogged()).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).contains("GET /defect");
            assertThat(text).contains(event.getArgumentArray()[3].toString());
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        });
    }

    @Test
    void errorsRaisedInAWebFilterAreProblems() {
        client.get()
                .uri("/content-type")
                .header("X-Refuse", "yes")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("refused by a filter");
    }

    @Test
    void oversizedHeadersAndTargetsAre431And414Problems() {
        client.get()
                .uri("/content-type")
                .header("X-Big", "a".repeat(2_000))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(431);
        client.get()
                .uri("/content-type?q=" + "a".repeat(300))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.URI_TOO_LONG)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get()
                .uri("/content-type")
                .header("X-Small", "a".repeat(500))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aNulInThePathOrQueryIsA400() {
        client.get()
                .uri(URI.create("/content-type/%00x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("The request path or query contains a NUL character");
        client.get()
                .uri(URI.create("/content-type?version=%00"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    private List<ILoggingEvent> errorsLogged() {
        return logged.list.stream()
                .filter(event -> event.getLevel() == Level.ERROR)
                .toList();
    }

    @Configuration
    @EnableWebFlux
    static class App {

        @Bean
        ProblemWebExceptionHandler problemWebExceptionHandler(ServerCodecConfigurer codecs) {
            return new ProblemWebExceptionHandler(codecs);
        }

        @Bean
        RequestSizeLimitFilter requestSizeLimitFilter() {
            return new RequestSizeLimitFilter(new WebProblemProperties(DataSize.ofKilobytes(1), 256));
        }

        @Bean
        NulCharacterFilter nulCharacterFilter() {
            return new NulCharacterFilter();
        }

        @Bean
        WebFilter refusingFilter() {
            return (exchange, chain) -> exchange.getRequest().getHeaders().containsHeader("X-Refuse")
                    ? Mono.error(
                            new ProblemException(HttpStatus.FORBIDDEN, "test-403", "Forbidden", "refused by a filter"))
                    : chain.filter(exchange);
        }

        @Bean
        Endpoints endpoints() {
            return new Endpoints();
        }
    }

    @RestController
    static class Endpoints {

        @PostMapping("/invalid")
        Mono<String> invalid() {
            return Mono.error(ProblemException.invalid(
                    "test-400",
                    List.of(
                            new ProblemException.FieldError("guestPhone", "not E.164"),
                            new ProblemException.FieldError("partySize", "must be positive"))));
        }

        @GetMapping("/unavailable")
        String unavailable() {
            throw ProblemException.unavailable("test-503", "Kafka unavailable", "try again", Duration.ofSeconds(5));
        }

        @GetMapping("/unauthorized")
        String unauthorized() {
            throw ProblemException.unauthorized("test-401", "who are you", "Bearer", "test");
        }

        @PostMapping(path = "/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }

        @GetMapping("/content-type")
        Mono<String> contentType(org.springframework.http.server.reactive.ServerHttpRequest request) {
            return Mono.fromSupplier(() -> String.valueOf(request.getHeaders().getContentType()));
        }

        @GetMapping("/defect")
        String defect() {
            throw new IllegalStateException("guest +447911123456 broke it");
        }
    }
}
