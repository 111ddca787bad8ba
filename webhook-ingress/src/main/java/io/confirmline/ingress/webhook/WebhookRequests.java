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
package io.confirmline.ingress.webhook;

import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import io.confirmline.web.ProblemException;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What every 8x8 webhook (voice and SMS) goes through before its body means anything: the Authorization value is
 * one of some tenant's webhook tokens (checked before the body is read), the Content-Type is JSON, the body is at
 * most {@link #MAX_BODY_BYTES}. The endpoint then reads the body and decides which of the authenticated tenants it
 * belongs to. Refusals are problem+json ({@link WebhookRefusals}) and counted per endpoint type.
 */
@Component
public class WebhookRequests {

    /** 8x8 payloads are a few KiB; anything above this is not 8x8's. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final TenantDirectory tenants;
    private final WebhookMetrics metrics;

    public WebhookRequests(TenantDirectory tenants, WebhookMetrics metrics) {
        this.tenants = tenants;
        this.metrics = metrics;
    }

    /**
     * Authenticates and reads the request, then hands the tenants the Authorization value belongs to and the body
     * to {@code interpret}, which parses the body and picks the tenant (throwing a {@link ProblemException} to
     * refuse).
     *
     * @param endpointType the event type the endpoint serves, for the metrics of refusals
     */
    public <T> Mono<T> receive(
            ServerHttpRequest request, String endpointType, BiFunction<List<Tenant>, byte[], T> interpret) {
        // Every token of every tenant is compared, without an early exit (TenantDirectory.byWebhookToken).
        List<Tenant> authenticated = tenants.byWebhookToken(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (authenticated.isEmpty()) {
            metrics.count(endpointType, "unauthorized");
            return Mono.error(WebhookRefusals.unauthorized("Missing or unknown Authorization value for this webhook"));
        }
        MediaType contentType = contentType(request);
        if (contentType == null
                || !(MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
                        || contentType.getSubtype().endsWith("+json"))) {
            metrics.count(endpointType, "rejected");
            return Mono.error(WebhookRefusals.badRequest("Content-Type must be application/json, was "
                    + (contentType == null ? "absent or unreadable" : contentType)));
        }
        if (request.getHeaders().getContentLength() > MAX_BODY_BYTES) {
            metrics.count(endpointType, "rejected");
            return Mono.error(tooLarge());
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge())
                .map(body -> interpret.apply(authenticated, body))
                .doOnError(ProblemException.class, e -> metrics.count(endpointType, outcomeOf(e.status())));
    }

    /** A 401 or 403 is a caller that is not who it must be; anything else is a body we cannot take. */
    private static String outcomeOf(HttpStatus status) {
        return status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN ? "unauthorized" : "rejected";
    }

    /** The Content-Type, or null when absent or not even a media type ({@code garbage/}, {@code a;;;=}). */
    private static MediaType contentType(ServerHttpRequest request) {
        try {
            return request.getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    private static ProblemException tooLarge() {
        return WebhookRefusals.tooLarge(MAX_BODY_BYTES);
    }
}
