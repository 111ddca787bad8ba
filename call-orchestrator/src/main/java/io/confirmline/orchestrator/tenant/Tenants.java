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
package io.confirmline.orchestrator.tenant;

import io.confirmline.prompt.PromptCatalog;
import io.confirmline.prompt.TenantPrompts;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The tenants as the orchestrator uses them: read from the {@link TenantDirectory} each time they are needed, so a
 * change published on {@code tenants.v1} applies to the next booking, call or request without a restart. Only
 * the prompt catalogue built from a tenant's templates is kept, per tenant revision ({@link TenantPrompts}).
 */
@Component
public class Tenants {

    /** The reason a disabled tenant's booking or message is not called, as the platform reads it. */
    public static final String DISABLED_REASON = "TENANT_DISABLED: the tenant is switched off, no new calls are placed";

    private final TenantDirectory directory;
    private final TenantPrompts prompts = new TenantPrompts();

    public Tenants(TenantDirectory directory) {
        this.directory = directory;
    }

    /** The tenant, enabled or not; empty when the directory does not know it (never published, or deleted). */
    public Optional<Tenant> byId(String id) {
        return directory.byId(id);
    }

    /** The tenant one of whose platform API keys this is, enabled or not; every key of every tenant is compared. */
    public Optional<Tenant> byPlatformKey(String key) {
        return directory.byPlatformKey(key);
    }

    /** The ids of every tenant the directory holds now, enabled or not. */
    public Set<String> ids() {
        return directory.all().stream().map(Tenant::id).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Putting a guest through to the restaurant (issue #15): the key, and the bridge from the tenant's caller id (its
     * 8x8 virtual number) to the venue's phone.
     */
    public record Transfer(String digit, String source, String destination) {}

    /**
     * The tenant's transfer, when its calls may offer one: the venue has a phone, it is none of ANY tenant's virtual
     * or SMS numbers (a venue phone forwarding back to an 8x8 number would loop), the caller id is a number to bridge
     * from, and the transfer key is neither the confirm nor the cancel key (the console checks; a record written
     * around it offers no transfer rather than a key meaning two things).
     */
    public Optional<Transfer> transfer(Tenant tenant) {
        String venue = tenant.venuePhone()
                .map(String::strip)
                .filter(phone -> !phone.isEmpty())
                .orElse(null);
        if (venue == null) {
            return Optional.empty();
        }
        Tenant.Digits digits = tenant.digits();
        String source = tenant.account().callerId();
        if (!E164.matcher(venue).matches()
                || source == null
                || !E164.matcher(source).matches()
                || venue.equals(source)
                || directory.byNumber(venue).isPresent()
                || digits.transfer() == null
                || digits.transfer().equals(digits.confirm())
                || digits.transfer().equals(digits.cancel())) {
            log.debug(
                    "Tenant {}: no transfer to the venue offered (its phone is one of our numbers, not E.164, or its "
                            + "transfer key collides)",
                    tenant.id());
            return Optional.empty();
        }
        return Optional.of(new Transfer(digits.transfer(), source, venue));
    }

    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Tenants.class);

    /** The words of the tenant's calls, as its settings are now: its templates over the shipped ones, its digits. */
    public PromptCatalog prompts(Tenant tenant) {
        return prompts.of(tenant);
    }
}
