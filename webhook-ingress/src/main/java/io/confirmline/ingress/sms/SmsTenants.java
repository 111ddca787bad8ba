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
package io.confirmline.ingress.sms;

import io.confirmline.ingress.webhook.WebhookRefusals;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which tenant a text belongs to (design.md §10.1): the one whose registered number it went to (or, for a receipt,
 * came from) — numbers are unique across tenants. The Authorization value must be one of that tenant's webhook
 * tokens, else 401; a {@code subAccountId} other than {@code *} must be the tenant's SMS (or voice) subaccount,
 * else 403. A switched-off tenant's texts are still taken: a guest's STOP must be honoured whatever the venue's
 * state.
 */
@Component
class SmsTenants {

    private final TenantDirectory directory;

    SmsTenants(TenantDirectory directory) {
        this.directory = directory;
    }

    /**
     * @param authenticated the tenants the Authorization value belongs to
     * @param ourNumber the tenant's number in the payload, E.164
     * @param field where the payload had it, for the refusal
     * @param subAccountId the payload's subaccount, null when it names none
     */
    Tenant owning(List<Tenant> authenticated, String ourNumber, String field, String subAccountId) {
        // Compared by id: the directory may have applied a newer revision of the tenant since the token was checked.
        Tenant tenant = directory
                .byNumber(ourNumber)
                .filter(owner -> authenticated.stream().anyMatch(t -> t.id().equals(owner.id())))
                .orElseThrow(() -> WebhookRefusals.unauthorized(
                        "The Authorization value does not belong to the tenant whose number is " + field));
        if (subAccountId != null
                && !subAccountId.equals("*")
                && !subAccountId.equals(tenant.account().smsSubaccountId().orElse(null))
                && !subAccountId.equals(tenant.account().voiceSubaccountId())) {
            throw WebhookRefusals.forbidden(
                    "payload.subAccountId is not a subaccount of the tenant whose number is " + field);
        }
        return tenant;
    }
}
