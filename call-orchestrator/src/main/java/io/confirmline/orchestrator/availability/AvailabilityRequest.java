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
package io.confirmline.orchestrator.availability;

import com.standardwebhooks.Webhook;
import io.confirmline.tenant.NamedSecret;
import io.confirmline.tenant.SigningSecretFormat;
import io.confirmline.tenant.Tenant;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * One question to the platform's availability endpoint as it goes on the wire (docs/platform-availability.md):
 * {@code GET {availabilityUrl}?reservationId=…&date=yyyy-MM-dd&time=HH:mm&partySize=N}, signed like our webhooks —
 * Standard Webhooks headers, one {@code v1,} signature per active signing secret of the tenant — over
 * {@code <webhook-id>.<webhook-timestamp>.<path-with-query>}: a GET has no body, so what the platform must trust is
 * its target. The platform verifies with the verifier it already runs for our webhooks, passing the request's raw
 * path and query instead of a body; no secret is added for it.
 *
 * @param uri the URL asked, exactly as signed (already encoded)
 * @param headers the Standard Webhooks headers and the rest to send
 */
record AvailabilityRequest(URI uri, Map<String, String> headers) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /**
     * @throws UnusableSettings when the tenant has no availability URL, it is not http(s), or it has no usable
     *     signing secret (the message names the tenant and the secret's id, never the secret or the URL)
     */
    static AvailabilityRequest of(
            Tenant tenant,
            Optional<String> reservationId,
            LocalDate date,
            LocalTime time,
            int partySize,
            String requestId,
            Instant now) {
        URI base = tenant.assistant()
                .availabilityUrl()
                .orElseThrow(() -> new UnusableSettings("Tenant " + tenant.id() + " has no availability URL"));
        if ((!"https".equalsIgnoreCase(base.getScheme()) && !"http".equalsIgnoreCase(base.getScheme()))
                || base.getRawAuthority() == null) {
            throw new UnusableSettings("Tenant " + tenant.id() + ": availability URL must be an http(s) URL");
        }
        // Every value is encoded strictly (a '+' or '&' in an id stays data), and the URI is built already encoded so
        // that what is signed is byte for byte what is sent.
        UriComponentsBuilder url = UriComponentsBuilder.fromUri(base);
        reservationId.ifPresent(id -> url.queryParam("reservationId", UriUtils.encode(id, StandardCharsets.UTF_8)));
        URI uri = url.queryParam("date", date.toString())
                .queryParam("time", TIME.format(time))
                .queryParam("partySize", partySize)
                .build(true)
                .toUri();
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", requestId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", sign(tenant, requestId, timestamp, signedContent(uri)));
        headers.put("Accept", "application/json, application/problem+json");
        headers.put("User-Agent", "ConfirmLine-Availability/1.0");
        return new AvailabilityRequest(uri, headers);
    }

    /** What the signature covers in place of a body: the raw path (at least {@code /}) and, when any, the raw query. */
    static String signedContent(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static String sign(Tenant tenant, String requestId, long timestamp, String content) {
        List<NamedSecret> secrets = tenant.signingSecrets();
        if (secrets.isEmpty()) {
            throw new UnusableSettings(
                    "Tenant " + tenant.id() + " has no signing secret to sign availability requests");
        }
        List<String> signatures = new ArrayList<>(secrets.size());
        for (NamedSecret secret : secrets) {
            Optional<String> problem = SigningSecretFormat.problem(secret.value());
            if (problem.isPresent()) {
                throw new UnusableSettings(
                        "Tenant " + tenant.id() + ": signing secret " + secret.id() + " " + problem.get());
            }
            try {
                signatures.add(new Webhook(secret.value()).sign(requestId, timestamp, content));
            } catch (Exception e) {
                throw new UnusableSettings("Tenant " + tenant.id() + ": signing secret " + secret.id()
                        + " cannot sign: " + e.getClass().getSimpleName());
            }
        }
        return String.join(" ", signatures);
    }

    /** A tenant setting that keeps us from asking; the message never contains a secret or the URL. */
    static final class UnusableSettings extends RuntimeException {
        UnusableSettings(String message) {
            super(message, null, false, false);
        }
    }
}
