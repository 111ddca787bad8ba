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

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The configured SMS subaccounts and 8x8's key checks on them: Send SMS takes the Bearer key of the subaccount's
 * account (any key of a subaccount in the same account), the account webhook API the same for the account.
 */
@Component
class SmsAccounts {

    /** 8x8's accountId path parameter: a UUID, with or without its dashes. */
    static final Pattern ACCOUNT_ID = Pattern.compile("^[0-9A-Fa-f]{8}-?(?:[0-9A-Fa-f]{4}-?){3}[0-9A-Fa-f]{12}$");

    private final SmsProperties properties;

    SmsAccounts(SmsProperties properties) {
        this.properties = properties;
    }

    Optional<SmsProperties.Subaccount> subaccount(String id) {
        return properties.subaccounts().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    List<SmsProperties.Subaccount> all() {
        return properties.subaccounts();
    }

    /** The subaccount a virtual number belongs to. */
    Optional<SmsProperties.Subaccount> owning(String number) {
        return properties.subaccounts().stream()
                .filter(s -> s.numbers().contains(number))
                .findFirst();
    }

    /** Send SMS's checks: a known key (else 401), then a subaccount of that key's account (else 400 code 1001). */
    Optional<SmsRefusal> checkSubaccount(String subaccountId, String authorization) {
        Optional<String> account = accountOfKey(authorization);
        if (account.isEmpty()) {
            return Optional.of(SmsRefusal.unauthorized());
        }
        boolean ours = subaccount(subaccountId)
                .map(s -> s.accountId().equals(account.get()))
                .orElse(false);
        return ours
                ? Optional.empty()
                : Optional.of(SmsRefusal.of(400, 1001, "Provided subAccountId doesn't belongs to your account"));
    }

    /** The webhook API's checks: an accountId in 8x8's format (else 400), a key of that account (else 401). */
    Optional<SmsRefusal> checkAccount(String accountId, String authorization) {
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            return Optional.of(SmsRefusal.of(400, 1000, "Invalid parameter : accountId"));
        }
        return accountOfKey(authorization).filter(accountId::equalsIgnoreCase).isPresent()
                ? Optional.empty()
                : Optional.of(SmsRefusal.unauthorized());
    }

    /** Whether the subaccount belongs to the account. */
    boolean belongs(String subaccountId, String accountId) {
        return subaccount(subaccountId)
                .map(s -> s.accountId().equalsIgnoreCase(accountId))
                .orElse(false);
    }

    private Optional<String> accountOfKey(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String key = authorization.substring("Bearer ".length());
        return properties.subaccounts().stream()
                .filter(s -> s.apiKey().equals(key))
                .map(s -> s.accountId())
                .findFirst();
    }
}
