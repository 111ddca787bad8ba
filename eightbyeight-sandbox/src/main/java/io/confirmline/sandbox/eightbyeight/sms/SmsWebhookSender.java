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
package io.confirmline.sandbox.eightbyeight.sms;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Posts SMS webhooks (MO and DR) as 8x8 does: JSON with the registered {@code httpAuthorization} as the
 * {@code Authorization} header, and on a connection error, a timeout or a 4xx/5xx answer, again after each of
 * {@code sandbox.sms.retry-delays} (8x8: 1, 10, 30 and 90 s), then given up. Every delivery and each attempt's
 * outcome is kept for {@code GET /sandbox/sms/receipts} and {@code /sandbox/sms/inbound}.
 */
@Component
class SmsWebhookSender {

    private static final Logger log = LoggerFactory.getLogger(SmsWebhookSender.class);

    /** One attempt: when, and the HTTP status answered or the error. */
    record Attempt(Instant at, Integer status, String error) {}

    /**
     * One webhook event and what became of it.
     *
     * @param outcome {@code pending} while attempts remain, then {@code delivered}, {@code failed} (every attempt
     *     failed) or {@code no-webhook} (nothing registered for it)
     */
    record Delivery(
            String type,
            String umid,
            String subAccountId,
            String url,
            Map<String, Object> body,
            List<Attempt> attempts,
            AtomicReference<String> outcome) {}

    private final SmsWebhookRegistry registry;
    private final SmsProperties properties;
    private final Clock clock;
    private final WebClient http;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** {@code webClients}: Boot's builder, so the webhooks share its codecs, connection pool and observations. */
    SmsWebhookSender(SmsWebhookRegistry registry, SmsProperties properties, Clock clock, WebClient.Builder webClients) {
        this.http = webClients.build();
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    List<Delivery> deliveries(String type) {
        return deliveries.stream().filter(d -> d.type().equals(type)).toList();
    }

    /** Posts the event of {@code type} (MO or DR) to {@code override} if given, else to the registered webhook. */
    void send(SmsProperties.Subaccount subaccount, String type, String umid, Map<String, Object> event, URI override) {
        Optional<SmsWebhookRegistry.Target> registered = registry.target(subaccount, type);
        Optional<SmsWebhookRegistry.Target> target = override == null
                ? registered
                : Optional.of(new SmsWebhookRegistry.Target(
                        override,
                        registered.map(SmsWebhookRegistry.Target::authorization).orElse(null)));
        Delivery delivery = new Delivery(
                type,
                umid,
                subaccount.id(),
                target.map(t -> t.url().toString()).orElse(null),
                event,
                new CopyOnWriteArrayList<>(),
                new AtomicReference<>(target.isPresent() ? "pending" : "no-webhook"));
        deliveries.add(delivery);
        target.ifPresent(t -> attempt(t, delivery, 0)
                .subscribe(
                        done -> {},
                        error -> log.warn("Sandbox {} webhook for {} failed: {}", type, umid, error.toString())));
    }

    private Mono<Void> attempt(SmsWebhookRegistry.Target target, Delivery delivery, int retry) {
        return http.post()
                .uri(target.url())
                .headers(headers -> {
                    if (target.authorization() != null
                            && !target.authorization().isEmpty()) {
                        headers.set(HttpHeaders.AUTHORIZATION, target.authorization());
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(delivery.body())
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(properties.webhookTimeout())
                .map(status -> new Attempt(clock.instant(), status, null))
                .onErrorResume(error -> Mono.just(new Attempt(
                        clock.instant(),
                        null,
                        error.getClass().getSimpleName()
                                + (error.getMessage() == null ? "" : ": " + error.getMessage()))))
                .flatMap(attempt -> {
                    delivery.attempts().add(attempt);
                    if (attempt.status() != null && attempt.status() >= 200 && attempt.status() < 300) {
                        delivery.outcome().set("delivered");
                        return Mono.empty();
                    }
                    List<Duration> delays = properties.retryDelays();
                    if (retry >= delays.size()) {
                        delivery.outcome().set("failed");
                        return Mono.empty();
                    }
                    return Mono.delay(delays.get(retry)).then(Mono.defer(() -> attempt(target, delivery, retry + 1)));
                });
    }
}
