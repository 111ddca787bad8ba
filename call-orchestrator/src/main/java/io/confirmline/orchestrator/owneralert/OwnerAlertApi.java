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
package io.confirmline.orchestrator.owneralert;

import io.confirmline.logging.SensitiveText;
import io.confirmline.orchestrator.api.ApiRefusals;
import io.confirmline.orchestrator.api.PlatformAuthentication;
import io.confirmline.orchestrator.text.SendResult;
import io.confirmline.orchestrator.text.SmsClient;
import io.confirmline.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Texts to a venue's owner that the owner console decided (design.md §10.5's owner actions; issue #16 item 5),
 * called with the tenant's key like the rest of {@code /api}:
 * {@code POST /api/owner-alerts {"to": "+34…", "body": "…", "alertId": "…"}} sends the text through the tenant's SMS
 * subaccount and sender at once and answers 202 with its state. It is the owner's, not a guest's: no opt-out
 * applies and nothing goes on {@code conversations.v1}.
 *
 * <p>Idempotent on {@code alertId} (per tenant): the same id again sends nothing and answers the first outcome —
 * 202 SENT, 202 SENDING while another request is asking 8x8, 422 when 8x8 refused it. 8x8 being away is a 503 with
 * Retry-After and the same id tries again later (its clientMessageId is the same, so 8x8 too sends it once). A
 * tenant without an SMS subaccount and number is a 422. {@code GET /api/owner-alerts/{alertId}} answers an
 * alert's state; another tenant's is a 404.
 */
@RestController
public class OwnerAlertApi {

    private static final Logger log = LoggerFactory.getLogger(OwnerAlertApi.class);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern ALERT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Ten concatenated segments, like the owner's replies to guests. */
    static final int MAX_BODY = 1530;
    /** A request that claimed an alert and vanished (a crash) leaves it to the next one after this long. */
    private static final Duration ABANDONED = Duration.ofMinutes(2);

    private final PlatformAuthentication authentication;
    private final DatabaseClient db;
    private final SmsClient sms;

    public OwnerAlertApi(PlatformAuthentication authentication, DatabaseClient db, SmsClient sms) {
        this.authentication = authentication;
        this.db = db;
        this.sms = sms;
    }

    /** What the console asked for. */
    record Alert(String to, String body, String alertId) {}

    /** An alert's row. */
    record Stored(String alertId, String state, String umid, String detail) {}

    @PostMapping(path = "/api/owner-alerts", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Object>>> send(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @RequestBody(required = false) byte[] body) {
        Tenant tenant = authentication.tenant(authorization);
        ApiRefusals.requireJson(contentType);
        Alert alert = parse(body);
        if (!tenant.texts()) {
            throw ApiRefusals.of(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "The tenant has no SMS subaccount or number to send from: owner alerts cannot be texted");
        }
        return db.sql("""
                        INSERT INTO owner_alert (tenant_id, alert_id, phone, body, state) VALUES ($1, $2, $3, $4, 'PENDING')
                        ON CONFLICT (tenant_id, alert_id) DO NOTHING""")
                .bind(0, tenant.id())
                .bind(1, alert.alertId())
                .bind(2, alert.to())
                .bind(3, alert.body())
                .then()
                .then(claim(tenant.id(), alert.alertId()))
                .flatMap(claimed -> claimed ? deliver(tenant, alert) : stored(tenant.id(), alert.alertId()))
                .map(OwnerAlertApi::answer);
    }

    @GetMapping(path = "/api/owner-alerts/{alertId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> state(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String alertId) {
        Tenant tenant = authentication.tenant(authorization);
        return stored(tenant.id(), alertId)
                .switchIfEmpty(Mono.error(() -> ApiRefusals.notFound("No owner alert " + alertId)))
                .map(OwnerAlertApi::json);
    }

    /** Takes the alert to send it: true unless it is sent, refused, or another request is sending it. */
    private Mono<Boolean> claim(String tenantId, String alertId) {
        return db.sql("""
                        UPDATE owner_alert SET state = 'SENDING', claimed_at = now(), updated_at = now()
                        WHERE tenant_id = $1 AND alert_id = $2
                          AND (state = 'PENDING' OR state = 'SENDING' AND claimed_at < now() - make_interval(secs => $3))""")
                .bind(0, tenantId)
                .bind(1, alertId)
                .bind(2, (double) ABANDONED.toSeconds())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private Mono<Stored> deliver(Tenant tenant, Alert alert) {
        SmsClient.OutgoingText text = SmsClient.OutgoingText.from(
                tenant, clientMessageId(tenant.id(), alert.alertId()), alert.to(), alert.body());
        return sms.send(tenant, text).flatMap(result -> {
            if (result instanceof SendResult.Accepted accepted) {
                log.info(
                        "Owner alert {} of tenant {} to {} queued by 8x8",
                        alert.alertId(),
                        tenant.id(),
                        SensitiveText.maskPhone(alert.to()));
                return finish(tenant.id(), alert.alertId(), "SENT", accepted.umid(), null);
            }
            if (result instanceof SendResult.Refused refused) {
                return finish(
                        tenant.id(),
                        alert.alertId(),
                        "REFUSED",
                        null,
                        "8x8 refused the text: " + refused.code()
                                + (refused.description() == null ? "" : " " + refused.description()));
            }
            return finish(tenant.id(), alert.alertId(), "PENDING", null, ((SendResult.Unavailable) result).reason());
        });
    }

    private Mono<Stored> finish(String tenantId, String alertId, String state, String umid, String detail) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql("""
                        UPDATE owner_alert SET state = $3, umid = $4, detail = $5, claimed_at = NULL, updated_at = now()
                        WHERE tenant_id = $1 AND alert_id = $2""").bind(0, tenantId).bind(1, alertId).bind(2, state);
        spec = umid == null ? spec.bindNull(3, String.class) : spec.bind(3, umid);
        spec = detail == null ? spec.bindNull(4, String.class) : spec.bind(4, detail);
        return spec.then().then(Mono.just(new Stored(alertId, state, umid, detail)));
    }

    private Mono<Stored> stored(String tenantId, String alertId) {
        return db.sql("SELECT alert_id, state, umid, detail FROM owner_alert WHERE tenant_id = $1 AND alert_id = $2")
                .bind(0, tenantId)
                .bind(1, alertId)
                .map(row -> new Stored(
                        row.get("alert_id", String.class),
                        row.get("state", String.class),
                        row.get("umid", String.class),
                        row.get("detail", String.class)))
                .one();
    }

    /** SENT or SENDING: 202; REFUSED: 422 with 8x8's reason; PENDING (8x8 away): 503 to ask again later. */
    private static ResponseEntity<Map<String, Object>> answer(Stored alert) {
        return switch (alert.state()) {
            case "REFUSED" -> throw ApiRefusals.of(HttpStatus.UNPROCESSABLE_ENTITY, alert.detail());
            case "PENDING" ->
                throw ApiRefusals.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "The text could not be sent yet (" + alert.detail()
                                        + "); ask again with the same alertId")
                        .header(HttpHeaders.RETRY_AFTER, "30");
            default -> ResponseEntity.status(HttpStatus.ACCEPTED).body(json(alert));
        };
    }

    private static Map<String, Object> json(Stored alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alertId", alert.alertId());
        json.put("state", alert.state());
        if (alert.umid() != null) {
            json.put("umid", alert.umid());
        }
        if (alert.detail() != null) {
            json.put("detail", alert.detail());
        }
        return json;
    }

    /** 8x8's id for the text (at most 50 characters), the same for every request of this tenant's alert. */
    static String clientMessageId(String tenantId, String alertId) {
        return "oa-" + UUID.nameUUIDFromBytes((tenantId + "\n" + alertId).getBytes(StandardCharsets.UTF_8));
    }

    private static Alert parse(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiRefusals.of(HttpStatus.BAD_REQUEST, "Malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiRefusals.invalid(List.of("to: is required", "body: is required", "alertId: is required"));
        }
        String to = string(root, "to");
        String text = string(root, "body");
        String alertId = string(root, "alertId");
        List<String> problems = new ArrayList<>();
        if (to == null || !E164.matcher(to).matches()) {
            problems.add("to: must be the owner's number in E.164 (+ and 7 to 15 digits)");
        }
        if (text == null || text.isBlank()) {
            problems.add("body: is required (the text to send)");
        } else if (text.length() > MAX_BODY) {
            problems.add("body: is longer than " + MAX_BODY + " characters");
        }
        if (alertId == null || !ALERT_ID.matcher(alertId).matches()) {
            problems.add("alertId: is required: 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        if (!problems.isEmpty()) {
            throw ApiRefusals.invalid(problems);
        }
        return new Alert(to, text.strip(), alertId);
    }

    private static String string(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }
}
