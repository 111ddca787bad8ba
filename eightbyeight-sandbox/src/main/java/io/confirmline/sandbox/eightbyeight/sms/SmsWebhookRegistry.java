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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * SMS webhooks as 8x8 keeps them: per account, one per subaccount scope ({@code *} for every subaccount) and type
 * scope ({@code DR}, {@code MO}, {@code MSG}, {@code EV}, or {@code *} for any — what a registration without a type
 * means). An event of a subaccount goes to the most specific enabled match: its subaccount and type, its subaccount
 * and any type, every subaccount and its type, then every subaccount and any type; else to the subaccount's
 * configured URL (as if set in 8x8's portal), else nowhere.
 */
@Component
class SmsWebhookRegistry {

    static final String ANY = "*";

    /** One registered webhook. */
    record Webhook(String subAccountId, String type, URI url, String httpAuthorization, boolean enabled) {

        @Override
        public String toString() {
            return "Webhook[subAccountId=" + subAccountId + ", type=" + type + ", url=" + url + ", enabled=" + enabled
                    + "]";
        }
    }

    /** A registration or deletion request as it arrived, for tests: its method, Authorization header and body. */
    record Request(String method, String accountId, String authorization, Object body, Instant at) {}

    /** Where one event goes. */
    record Target(URI url, String authorization) {}

    private final Map<String, Map<String, Webhook>> byAccount = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Adds the webhook or replaces the one with the same subaccount and type scope. */
    void register(String accountId, Webhook webhook) {
        byAccount
                .computeIfAbsent(accountId.toLowerCase(Locale.ROOT), id -> new ConcurrentHashMap<>())
                .put(webhook.subAccountId() + "/" + webhook.type(), webhook);
    }

    /** Removes the webhook with exactly this scope ({@code *} is not a wildcard here, as 8x8 says). */
    boolean remove(String accountId, String subAccountId, String type) {
        Map<String, Webhook> webhooks = byAccount.get(accountId.toLowerCase(Locale.ROOT));
        return webhooks != null && webhooks.remove(subAccountId + "/" + type) != null;
    }

    List<Webhook> of(String accountId) {
        return byAccount.getOrDefault(accountId.toLowerCase(Locale.ROOT), Map.of()).values().stream()
                .sorted(Comparator.comparing(Webhook::subAccountId).thenComparing(Webhook::type))
                .toList();
    }

    void received(Request request) {
        requests.add(request);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Where the subaccount's event of {@code type} ({@code MO} or {@code DR}) goes, if anywhere. */
    Optional<Target> target(SmsProperties.Subaccount subaccount, String type) {
        Map<String, Webhook> webhooks =
                byAccount.getOrDefault(subaccount.accountId().toLowerCase(Locale.ROOT), Map.of());
        for (String key :
                List.of(subaccount.id() + "/" + type, subaccount.id() + "/" + ANY, ANY + "/" + type, ANY + "/" + ANY)) {
            Webhook webhook = webhooks.get(key);
            if (webhook != null && webhook.enabled()) {
                return Optional.of(new Target(webhook.url(), webhook.httpAuthorization()));
            }
        }
        URI configured = "MO".equals(type) ? subaccount.moUrl() : subaccount.drUrl();
        return Optional.ofNullable(configured).map(url -> new Target(url, subaccount.webhookAuthorization()));
    }
}
