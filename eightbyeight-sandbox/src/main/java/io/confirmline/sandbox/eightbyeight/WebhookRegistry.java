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
package io.confirmline.sandbox.eightbyeight;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * The webhooks registered through 8x8's webhook API (8x8-voice-api.md §5.1), one per type per subaccount. A call
 * played for a subaccount posts its VCA and VSS to the registered URL with the registered Authorization value;
 * until something is registered, to the ones in the sandbox's settings (as if set in 8x8's portal).
 */
@Component
class WebhookRegistry {

    /** One registered webhook. */
    record Webhook(String type, URI url, String httpAuthHeader, boolean enabled) {

        @Override
        public String toString() {
            return "Webhook[type=" + type + ", url=" + url + ", enabled=" + enabled + "]";
        }
    }

    /** A registration request as it arrived, for tests: its Authorization header and its body's fields. */
    record Request(String subaccountId, String authorization, Map<String, Object> body, Instant at) {}

    /** Where one webhook of a call goes. */
    record Target(URI url, String authorization) {}

    private final Map<String, Map<String, Webhook>> bySubaccount = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    void register(String subaccountId, Webhook webhook) {
        bySubaccount
                .computeIfAbsent(subaccountId, id -> new ConcurrentHashMap<>())
                .put(webhook.type(), webhook);
    }

    boolean remove(String subaccountId, String type) {
        Map<String, Webhook> webhooks = bySubaccount.get(subaccountId);
        return webhooks != null && webhooks.remove(type) != null;
    }

    List<Webhook> of(String subaccountId) {
        return bySubaccount.getOrDefault(subaccountId, Map.of()).values().stream()
                .sorted(java.util.Comparator.comparing(Webhook::type))
                .toList();
    }

    void received(Request request) {
        requests.add(request);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Where the subaccount's webhook of {@code type} goes: the registered one when enabled, else the configured. */
    Target target(SandboxProperties.Subaccount subaccount, String type) {
        Optional<Webhook> registered = Optional.ofNullable(
                        bySubaccount.getOrDefault(subaccount.id(), Map.of()).get(type))
                .filter(Webhook::enabled);
        if (registered.isPresent()) {
            return new Target(registered.get().url(), registered.get().httpAuthHeader());
        }
        return new Target(
                "VCA".equals(type) ? subaccount.vcaUrl() : subaccount.vssUrl(), subaccount.webhookAuthorization());
    }
}
