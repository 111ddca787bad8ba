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

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.confirmline.orchestrator.TestTenant;
import io.confirmline.tenant.Tenant;
import io.confirmline.tenant.TenantDirectory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a tenant's calls may offer to put the guest through to the venue (issue #15): never to our own numbers. */
class TenantsTransferTest {

    final TenantDirectory directory = mock(TenantDirectory.class);
    final Tenants tenants = new Tenants(directory);

    static Tenant luigis(String... more) {
        String[] base = {
            "id=luigis",
            "subaccount-id=luigis_voice",
            "api-key=k",
            "platform-api-key=luigis-platform-key-0123",
            "caller-id=+34910000070",
            "virtual-numbers[0]=+34910000070"
        };
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return TestTenant.tenant(TestTenant.settings(all), 1);
    }

    @Test
    void aVenuePhoneThatIsNoneOfOurNumbersIsBridgedFromTheCallerIdWithTheTransferKey() {
        assertThat(tenants.transfer(luigis("venue-phone=+34910000079")))
                .contains(new Tenants.Transfer("9", "+34910000070", "+34910000079"));
        assertThat(tenants.transfer(luigis("venue-phone=+34910000079", "transfer-digit=8"))
                        .map(Tenants.Transfer::digit))
                .contains("8");
    }

    @Test
    void noTransferWithoutAVenuePhoneToOneOfAnyTenantsNumbersOrWithAKeyThatCollides() {
        assertThat(tenants.transfer(luigis())).isEmpty();
        assertThat(tenants.transfer(luigis("venue-phone=+34910000070")))
                .as("its own caller id")
                .isEmpty();
        Tenant other = luigis("id=otherco");
        when(directory.byNumber("+34910000088")).thenReturn(Optional.of(other));
        assertThat(tenants.transfer(luigis("venue-phone=+34910000088")))
                .as("another tenant's number: a loop")
                .isEmpty();
        assertThat(tenants.transfer(luigis("venue-phone=0034 91 000 0079")))
                .as("not E.164")
                .isEmpty();
        assertThat(tenants.transfer(luigis("venue-phone=+34910000079", "transfer-digit=1")))
                .as("the confirm key")
                .isEmpty();
    }
}
