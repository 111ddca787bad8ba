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
package io.confirmline.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.confirmline.notifier.PlatformStub;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.reactive.function.client.WebClient;

/** One request to a real local receiver: what comes back, and what stands in for an answer when none does. */
class WebhookSenderTest {

    final PlatformStub platform = new PlatformStub();
    final DeliveryProperties properties = new DeliveryProperties(
            List.of(Duration.ZERO),
            0,
            Duration.ofSeconds(2),
            Duration.ofMillis(200),
            50,
            4,
            Duration.ofSeconds(60),
            new DeliveryProperties.Breaker(50, 20, Duration.ofSeconds(30)),
            new DeliveryProperties.Recording(64, Duration.ofMillis(2)),
            "token");
    final WebhookSender sender = new WebhookSender(
            WebClient.builder(),
            properties,
            new StaticListableBeanFactory().getBeanProvider(io.micrometer.tracing.Tracer.class));

    @AfterEach
    void close() {
        sender.destroy();
        platform.close();
    }

    WebhookRequest request(String subject, String url) {
        return new WebhookRequest(
                URI.create(url), Map.of("webhook-id", "msg_1"), "{\"data\":{\"reservationId\":\"" + subject + "\"}}");
    }

    @Test
    void sendsTheSignedBodyAndReportsTheStatus() {
        WebhookSender.Answer answer =
                sender.send(request("r-1", platform.url()), null, Instant.now()).block();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(platform.receivedFor("r-1")).singleElement().satisfies(received -> {
            assertThat(received.webhookId()).isEqualTo("msg_1");
            assertThat(received.body()).isEqualTo("{\"data\":{\"reservationId\":\"r-1\"}}");
        });
    }

    @Test
    void readsRetryAfter() {
        platform.plan("r-2", new PlatformStub.Plan(429, Duration.ZERO, Map.of("Retry-After", "30")));
        WebhookSender.Answer answer =
                sender.send(request("r-2", platform.url()), null, Instant.now()).block();
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aSlowPlatformOrNoPlatformIsAnAnswerWithoutAStatus() {
        platform.plan("r-3", new PlatformStub.Plan(200, Duration.ofSeconds(5), Map.of()));
        long started = System.nanoTime();
        WebhookSender.Answer slow =
                sender.send(request("r-3", platform.url()), null, Instant.now()).block();
        assertThat(slow.statusCode()).isNull();
        assertThat(slow.error()).isEqualTo("Timed out waiting for the platform");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the 2 s timeout, not the platform's 5 s")
                .isLessThan(Duration.ofSeconds(4));

        WebhookSender.Answer refused = sender.send(request("r-4", "http://127.0.0.1:1/webhooks"), null, Instant.now())
                .block();
        assertThat(refused.statusCode()).isNull();
        assertThat(refused.error()).isNotBlank();
    }
}
