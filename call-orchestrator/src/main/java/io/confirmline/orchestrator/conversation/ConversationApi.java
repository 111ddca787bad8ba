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
package io.confirmline.orchestrator.conversation;

import io.confirmline.events.ConversationEventType;
import io.confirmline.events.MessageAuthor;
import io.confirmline.orchestrator.api.ApiRefusals;
import io.confirmline.orchestrator.api.PlatformAuthentication;
import io.confirmline.orchestrator.optout.OptOutApi;
import io.confirmline.orchestrator.optout.OptOuts;
import io.confirmline.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
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
 * The owner's actions on a guest's conversation (design.md §10.5), called by the console with the tenant's key:
 * {@code POST /api/conversations/{phone}/messages} {@code {"body": "..."}} sends the owner's text (202 with its id;
 * 409 when the number opted out), {@code POST /api/conversations/{phone}/takeover} hands the conversation to a
 * person: no automatic reply goes to it any more.
 */
@RestController
public class ConversationApi {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** Ten concatenated segments: more than any owner means to send by text. */
    private static final int MAX_BODY = 1530;

    private static final Duration OWNER_REPLY_EXPIRY = Duration.ofHours(24);

    private final PlatformAuthentication authentication;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final TextMessages texts;
    private final OptOuts optOuts;
    private final ConversationEvents events;
    private final Clock clock;

    public ConversationApi(
            PlatformAuthentication authentication,
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            TextMessages texts,
            OptOuts optOuts,
            ConversationEvents events,
            Clock clock) {
        this.authentication = authentication;
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.texts = texts;
        this.optOuts = optOuts;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping(path = "/api/conversations/{phone}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, String>>> reply(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) MediaType contentType,
            @PathVariable String phone,
            @RequestBody(required = false) byte[] body) {
        Tenant tenant = authentication.tenant(authorization);
        ApiRefusals.requireJson(contentType);
        String number = OptOutApi.valid(phone);
        String text = text(body);
        if (!tenant.texts()) {
            throw ApiRefusals.conflict("The tenant has no SMS subaccount or number to send from");
        }
        Instant now = clock.instant();
        return optOuts.isOptedOut(tenant.id(), number)
                .flatMap(optedOut -> {
                    if (optedOut) {
                        return Mono.error(ApiRefusals.conflict("The guest opted out: no text can be sent to them"));
                    }
                    return takeOver(tenant.id(), number, now)
                            .then(texts.queue(new TextMessages.Outgoing(
                                    tenant.id(),
                                    number,
                                    MessageAuthor.OWNER,
                                    TextMessages.Purpose.OWNER_REPLY,
                                    text,
                                    null,
                                    null,
                                    now,
                                    now.plus(OWNER_REPLY_EXPIRY))));
                })
                .map(id -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.of("messageId", id.toString(), "delivery", "PENDING")))
                .as(transaction::transactional);
    }

    @PostMapping(path = "/api/conversations/{phone}/takeover", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, String>> takeover(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String phone) {
        Tenant tenant = authentication.tenant(authorization);
        String number = OptOutApi.valid(phone);
        return takeOver(tenant.id(), number, clock.instant())
                .thenReturn(Map.of("conversation", "TAKEN_OVER"))
                .as(transaction::transactional);
    }

    /** A person answers this conversation from now on (announced once); an owner's reply counts as taking over. */
    private Mono<Void> takeOver(String tenantId, String phone, Instant now) {
        return db.sql("""
                        INSERT INTO conversation (tenant_id, phone, taken_over_at) VALUES (:tenant, :phone, :now)
                        ON CONFLICT (tenant_id, phone) DO UPDATE SET taken_over_at = excluded.taken_over_at
                        WHERE conversation.taken_over_at IS NULL""")
                .bind("tenant", tenantId)
                .bind("phone", phone)
                .bind("now", TextMessages.utc(now))
                .fetch()
                .rowsUpdated()
                .flatMap(changed -> changed == 0
                        ? Mono.empty()
                        : events.fact(
                                ConversationEventType.TAKEN_OVER,
                                tenantId,
                                phone,
                                null,
                                "CONSOLE",
                                "A person at the restaurant answers this conversation"));
    }

    private static String text(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiRefusals.of(HttpStatus.BAD_REQUEST, "Malformed JSON");
        }
        JsonNode value = root == null || !root.isObject() ? null : root.get("body");
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw ApiRefusals.invalid(List.of("body: is required (the text to send)"));
        }
        if (value.asString().length() > MAX_BODY) {
            throw ApiRefusals.invalid(List.of("body: is longer than " + MAX_BODY + " characters"));
        }
        return value.asString().strip();
    }
}
