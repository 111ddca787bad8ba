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
package io.confirmline.ingress.callback;

import io.confirmline.ingress.webhook.WebhookRefusals;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which tenant an inbound call belongs to (design.md §10.1): the one whose registered virtual number was called
 * (8x8's {@code destination}; numbers are unique across tenants). The Authorization value must be one of that
 * tenant's webhook tokens, else 401; a {@code subAccountId} other than {@code *} must be its voice subaccount, else
 * 403.
 */
@Component
public class CallbackTenants {

    private final TenantDirectory directory;

    public CallbackTenants(TenantDirectory directory) {
        this.directory = directory;
    }

    /**
     * @param authenticated the tenants the Authorization value belongs to
     * @param virtualNumber the called number, E.164
     * @param subAccountId the payload's subaccount
     */
    public Tenant owning(List<Tenant> authenticated, String virtualNumber, String subAccountId) {
        // Compared by id: the directory may have applied a newer revision of the tenant since the token was checked.
        Tenant tenant = directory
                .byNumber(virtualNumber)
                .filter(owner -> authenticated.stream().anyMatch(t -> t.id().equals(owner.id())))
                .orElseThrow(() -> WebhookRefusals.unauthorized(
                        "The Authorization value does not belong to the tenant whose number is payload.destination"));
        if (!"*".equals(subAccountId) && !tenant.account().voiceSubaccountId().equals(subAccountId)) {
            throw WebhookRefusals.forbidden("payload.subAccountId is not the voice subaccount of the tenant whose "
                    + "number is payload.destination");
        }
        return tenant;
    }
}
