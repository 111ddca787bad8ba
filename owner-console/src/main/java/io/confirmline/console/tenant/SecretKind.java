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
package io.confirmline.console.tenant;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of tenant secret: those a service uses in clear are sealed (kept encrypted, published encrypted),
 * those that are only compared are kept and published as SHA-256 digests only.
 *
 * <p>Each kind has, in order: the {@code tenant_secret.kind} value it is stored as; how
 * {@code /api/admin/tenants/{id}/secrets/{kind}} names it; how the tenant's JSON names the list; whether it is kept
 * encrypted (else as a digest); whether the admin API lists and changes it (the console key is the console's own).
 */
public enum SecretKind {
    API_KEY("api-key", "api-key", "apiKey", true, true),
    WEBHOOK_TOKEN("webhook-token", "webhook-tokens", "webhookTokens", false, true),
    PLATFORM_KEY("platform-key", "platform-keys", "platformApiKeys", false, true),
    SIGNING_SECRET("signing-secret", "signing-secrets", "signingSecrets", true, true),
    /**
     * The key the console calls the orchestrator and the notifier with on the tenant's behalf (owner actions, the
     * delivery log): made by the console, sealed here because the console needs it in clear, and published only as
     * a digest among the tenant's platform keys, so those services accept it as they accept the platform's.
     */
    CONSOLE_KEY("console-key", null, null, true, false);

    private final String stored;
    private final String path;
    private final String field;
    private final boolean sealed;
    private final boolean administered;

    SecretKind(String stored, String path, String field, boolean sealed, boolean administered) {
        this.stored = stored;
        this.path = path;
        this.field = field;
        this.sealed = sealed;
        this.administered = administered;
    }

    public String stored() {
        return stored;
    }

    public String path() {
        return path;
    }

    public String field() {
        return field;
    }

    public boolean sealed() {
        return sealed;
    }

    public boolean administered() {
        return administered;
    }

    public static SecretKind ofStored(String value) {
        return Arrays.stream(values())
                .filter(k -> k.stored.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown secret kind " + value));
    }

    public static Optional<SecretKind> ofPath(String value) {
        return Arrays.stream(values())
                .filter(k -> k.administered && k.path.equals(value))
                .findFirst();
    }
}
