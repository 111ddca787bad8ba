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
package io.confirmline.console.webhooks;

import io.confirmline.console.ConsoleProperties;
import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.outbox.TenantOutbox;
import io.confirmline.console.tenant.AdminProblems;
import io.confirmline.console.tenant.Problems;
import io.confirmline.console.tenant.SecretKind;
import io.confirmline.console.tenant.TenantSecrets;
import io.confirmline.console.tenant.TenantService;
import io.confirmline.security.SecretDigest;
import io.confirmline.web.ProblemException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registers a tenant's VCA and VSS webhooks with 8x8, so onboarding needs no step in 8x8's portal; for a tenant
 * with an SMS subaccount also its SMS MO and DR webhooks, which 8x8 keeps per account (the tenant's
 * {@code accountId}), scoped to the SMS subaccount. The console keeps webhook tokens only as digests, so it cannot
 * hand 8x8 an existing one: it mints a new token, adds it to the tenant, waits until that is on {@code tenants.v1}
 * (so 8x8's first webhook with it is accepted), then registers it as the {@code httpAuthHeader} of the voice
 * webhooks and the {@code httpAuthorization} of the SMS ones. The token is never answered nor logged; older tokens
 * stay active until removed (rotation).
 */
@Service
public class WebhookRegistration {

    static final String VCA_PATH = "/webhooks/8x8/vca";
    static final String VSS_PATH = "/webhooks/8x8/vss";
    static final String SMS_INBOUND_PATH = "/webhooks/8x8/sms/inbound";
    static final String SMS_RECEIPTS_PATH = "/webhooks/8x8/sms/receipts";

    /** Where a tenant's SMS webhooks are registered: its 8x8 account, scoped to its SMS subaccount. */
    record SmsAccount(String accountId, String subaccountId) {}

    private final TenantService tenants;
    private final TenantSecrets secrets;
    private final TenantOutbox outbox;
    private final EightByEightWebhooks eightByEight;
    private final EightByEightSmsWebhooks eightByEightSms;
    private final AuditLog audit;
    private final ConsoleProperties properties;

    public WebhookRegistration(
            TenantService tenants,
            TenantSecrets secrets,
            TenantOutbox outbox,
            EightByEightWebhooks eightByEight,
            EightByEightSmsWebhooks eightByEightSms,
            AuditLog audit,
            ConsoleProperties properties) {
        this.tenants = tenants;
        this.secrets = secrets;
        this.outbox = outbox;
        this.eightByEight = eightByEight;
        this.eightByEightSms = eightByEightSms;
        this.audit = audit;
        this.properties = properties;
    }

    /**
     * What 8x8 answered, and the id (only) of the token registered: a new one, or {@code existing} when the caller
     * names one of the tenant's active tokens (registering again without a new secret).
     */
    public Mono<Map<String, Object>> register(String tenantId, Optional<String> existing, TenantService.Actor actor) {
        return tenants.find(tenantId)
                .flatMap(tenant -> tenants.apiKey(tenantId).flatMap(apiKey -> {
                    if (apiKey.isEmpty()) {
                        return Mono.error(
                                AdminProblems.conflict("Tenant " + tenantId + " has no 8x8 API key: add it with "
                                        + "POST /api/admin/tenants/" + tenantId + "/secrets/api-key first"));
                    }
                    String subaccount = tenant.row().settings().subaccountId();
                    String smsSubaccount = tenant.row().settings().smsSubaccountId();
                    String accountId = tenant.row().settings().accountId();
                    boolean texts = smsSubaccount != null && !smsSubaccount.isBlank();
                    if (texts && (accountId == null || accountId.isBlank())) {
                        // Checked before a token is made or anything registered, so nothing is left half done.
                        return Mono.error(AdminProblems.conflict(
                                "Tenant " + tenantId + " has an SMS subaccount but no 8x8 "
                                        + "accountId: 8x8 registers SMS webhooks per account. Set accountId (PUT /api/admin/tenants/"
                                        + tenantId + ") and register again; nothing was registered",
                                List.of(new ProblemException.FieldError(
                                        "accountId",
                                        "is required to register the SMS webhooks of smsSubaccountId "
                                                + smsSubaccount))));
                    }
                    Optional<SmsAccount> sms =
                            texts ? Optional.of(new SmsAccount(accountId, smsSubaccount)) : Optional.empty();
                    if (existing.isPresent()) {
                        Optional<String> tokenId = tenant.secrets().stream()
                                .filter(s -> s.kind() == SecretKind.WEBHOOK_TOKEN
                                        && SecretDigest.ofDigest(s.sha256()).matches(existing.get()))
                                .map(s -> s.id())
                                .findFirst();
                        if (tokenId.isEmpty()) {
                            Problems problems = new Problems();
                            problems.add(
                                    "webhookToken",
                                    "is not one of the tenant's webhook tokens (leave it out to have a "
                                            + "new one made)");
                            return Mono.error(AdminProblems.invalid(problems));
                        }
                        return registerAll(
                                tenantId, subaccount, sms, apiKey.get(), existing.get(), tokenId.get(), false, actor);
                    }
                    String token = secrets.generate(SecretKind.WEBHOOK_TOKEN);
                    return tenants.addSecret(tenantId, SecretKind.WEBHOOK_TOKEN, Optional.of(token), actor)
                            .flatMap(added -> {
                                String tokenId = added.generated()
                                        .get(SecretKind.WEBHOOK_TOKEN)
                                        .get(0)
                                        .id();
                                return awaitPublished(added.outboxId())
                                        .onErrorResume(e -> discard(tenantId, tokenId, actor)
                                                .then(Mono.error(e)))
                                        .then(registerAll(
                                                tenantId, subaccount, sms, apiKey.get(), token, tokenId, true, actor));
                            });
                }));
    }

    private Mono<Map<String, Object>> registerAll(
            String tenantId,
            String subaccount,
            Optional<SmsAccount> sms,
            String apiKey,
            String token,
            String tokenId,
            boolean minted,
            TenantService.Actor actor) {
        URI base = properties.ingressPublicUrl();
        URI vca = URI.create(strip(base) + VCA_PATH);
        URI vss = URI.create(strip(base) + VSS_PATH);
        Map<String, URI> smsUrls = new LinkedHashMap<>();
        smsUrls.put("MO", URI.create(strip(base) + SMS_INBOUND_PATH));
        smsUrls.put("DR", URI.create(strip(base) + SMS_RECEIPTS_PATH));
        List<EightByEightWebhooks.Webhook> registered = new ArrayList<>();
        List<EightByEightSmsWebhooks.SmsWebhook> registeredSms = new ArrayList<>();
        return eightByEight
                .register(subaccount, apiKey, "VCA", vca, token)
                .onErrorResume(
                        EightByEightWebhooks.Refused.class,
                        refused ->
                                // Nothing at 8x8 uses a token minted for this: it goes again.
                                (minted ? discard(tenantId, tokenId, actor) : Mono.<Void>empty())
                                        .then(Mono.error(badGateway(refused, "the VCA webhook", "statusCode", ""))))
                .doOnNext(registered::addAll)
                .then(eightByEight
                        .register(subaccount, apiKey, "VSS", vss, token)
                        .onErrorMap(
                                EightByEightWebhooks.Refused.class,
                                refused -> badGateway(
                                        refused,
                                        "the VSS webhook",
                                        "statusCode",
                                        "; the VCA webhook was registered with the token, register again to finish")))
                .doOnNext(registered::addAll)
                .then(sms.map(account -> eightByEightSms
                                .register(account.accountId(), account.subaccountId(), apiKey, smsUrls, token)
                                .onErrorMap(
                                        EightByEightWebhooks.Refused.class,
                                        refused -> badGateway(
                                                refused,
                                                "the SMS MO and DR webhooks",
                                                "code",
                                                "; the VCA and VSS webhooks were registered with the token, register again to finish"))
                                .doOnNext(registeredSms::addAll)
                                .then())
                        .orElse(Mono.empty()))
                .then(Mono.defer(() -> audit.record(new AuditEntry(
                        actor.name(),
                        "tenant.webhooks.registered",
                        tenantId,
                        "VCA and VSS registered with 8x8 subaccount " + subaccount
                                + sms.map(account -> ", SMS MO and DR with 8x8 account " + account.accountId()
                                                + " for SMS subaccount " + account.subaccountId())
                                        .orElse("")
                                + " with webhook-token " + tokenId,
                        actor.remoteAddress()))))
                .then(Mono.fromSupplier(() -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("subAccountId", subaccount);
                    answer.put("webhookTokenId", tokenId);
                    answer.put("webhooks", registered);
                    sms.ifPresent(account -> {
                        Map<String, Object> smsAnswer = new LinkedHashMap<>();
                        smsAnswer.put("accountId", account.accountId());
                        smsAnswer.put("subAccountId", account.subaccountId());
                        smsAnswer.put("webhooks", registeredSms);
                        answer.put("sms", smsAnswer);
                    });
                    return answer;
                }));
    }

    /** Waits until the outbox row is on the broker; a 503 when it is not within {@code publish-wait}. */
    private Mono<Void> awaitPublished(long outboxId) {
        Duration wait = properties.outbox().publishWait();
        return Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                .concatMap(tick -> outbox.published(outboxId))
                .filter(Boolean::booleanValue)
                .next()
                .timeout(
                        wait,
                        Mono.error(() -> ProblemException.unavailable(
                                "admin-503",
                                "Service Unavailable",
                                "The new webhook token is not on tenants.v1 after " + wait.toSeconds()
                                        + " s (is Kafka up?); " + "nothing was registered with 8x8",
                                Duration.ofSeconds(30))))
                .then();
    }

    private Mono<Void> discard(String tenantId, String tokenId, TenantService.Actor actor) {
        return tenants.discardSecret(tenantId, SecretKind.WEBHOOK_TOKEN, tokenId, actor)
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    /** 8x8's refusal as a 502 naming its status and code (its message too: it names no secret of ours). */
    private static ProblemException badGateway(
            EightByEightWebhooks.Refused refused, String what, String codeField, String done) {
        String detail = (refused.httpStatus() == 0
                        ? refused.getMessage()
                        : "8x8 refused " + what + ": HTTP " + refused.httpStatus()
                                + (refused.code() == null ? "" : " " + codeField + " " + refused.code()) + ": "
                                + refused.getMessage())
                + done;
        return new ProblemException(HttpStatus.BAD_GATEWAY, "admin-502", "Bad Gateway", detail)
                .with("eightByEightStatus", refused.httpStatus())
                .with("eightByEightCode", refused.code());
    }

    private static String strip(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
