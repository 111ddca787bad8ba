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
package io.confirmline.orchestrator.dialing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.orchestrator.TestTenant;
import io.confirmline.tenant.Tenant;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A tenant's Send Callflow limits follow its settings as they change on tenants.v1, with no restart. */
class TenantLimitsTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final TenantLimits limits = new TenantLimits(nanos::get);

    static Tenant luigis(long revision, String callsPerSecond, String maxConcurrentCalls) {
        return TestTenant.tenant(
                TestTenant.settings(
                        "id=luigis",
                        "subaccount-id=luigis_voice",
                        "api-key=k",
                        "caller-id=+34910000000",
                        "calls-per-second=" + callsPerSecond,
                        "max-concurrent-calls=" + maxConcurrentCalls),
                revision);
    }

    @Test
    void aNewRateAppliesToTheNextRequest() throws InterruptedException {
        TenantLimits.Limits twoPerSecond = limits.of(luigis(1, "2", "0"));
        assertThat(twoPerSecond.acquire()).isEqualTo(Duration.ZERO);
        assertThat(twoPerSecond.acquire()).isEqualTo(Duration.ofMillis(500));
        assertThat(limits.of(luigis(2, "2", "0")))
                .as("unchanged settings: the same limiter")
                .isSameAs(twoPerSecond);

        TenantLimits.Limits unlimited = limits.of(luigis(3, "0", "0"));
        assertThat(unlimited.acquire()).isEqualTo(Duration.ZERO);
        assertThat(unlimited.acquire()).isEqualTo(Duration.ZERO);

        TenantLimits.Limits onePerSecond = limits.of(luigis(4, "1", "0"));
        assertThat(onePerSecond.acquire()).isEqualTo(Duration.ZERO);
        assertThat(onePerSecond.acquire()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBatchKeepsOnlyTheCallsTheTenantsRateSendsWithinTheWait() {
        Duration wait = Duration.ofSeconds(20);
        assertThat(limits.of(luigis(1, "1", "0")).sentWithin(wait)).isEqualTo(20);
        assertThat(limits.of(luigis(2, "2.5", "0")).sentWithin(wait)).isEqualTo(50);
        assertThat(limits.of(luigis(3, "0.01", "0")).sentWithin(wait))
                .as("one call in 100 s: still one per batch, or it would never be dialed")
                .isEqualTo(1);
        assertThat(limits.of(luigis(4, "0", "0")).sentWithin(wait))
                .as("no rate: nothing is given back")
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theRateWaitMustEndBeforeTheLoopStopsWaitingForTheBatch() {
        DialingProperties fine = properties(Duration.ofSeconds(2), 2, Duration.ofSeconds(20));
        assertThat(fine.batchBound()).isEqualTo(Duration.ofSeconds(38));
        assertThatThrownBy(() -> properties(Duration.ofSeconds(2), 2, Duration.ofSeconds(38)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confirmline.dialing.rate-wait")
                .hasMessageContaining("PT38S");
    }

    private static DialingProperties properties(Duration timeout, int retries, Duration rateWait) {
        return new DialingProperties(
                java.net.URI.create("http://127.0.0.1:1"),
                timeout,
                retries,
                50,
                Duration.ofSeconds(60),
                Duration.ofMillis(200),
                Duration.ofMinutes(1),
                8,
                rateWait);
    }

    @Test
    void aNewConcurrencyLimitCountsTheRequestsAlreadyInFlight() throws InterruptedException {
        TenantLimits.Limits one = limits.of(luigis(1, "0", "1"));
        one.acquire();
        assertThat(one.slots().tryAcquire()).as("one in flight of one").isFalse();

        TenantLimits.Limits two = limits.of(luigis(2, "0", "2"));
        assertThat(two.slots()).as("the same slots, resized").isSameAs(one.slots());
        assertThat(two.slots().tryAcquire()).as("a second slot at once").isTrue();

        limits.of(luigis(3, "0", "1"));
        two.slots().release();
        assertThat(two.slots().tryAcquire())
                .as("back to one: the other request still holds it")
                .isFalse();
        two.slots().release();
        assertThat(two.slots().tryAcquire()).as("both done: one slot").isTrue();
        assertThat(two.slots().tryAcquire()).isFalse();

        limits.of(luigis(4, "0", "0"));
        assertThat(two.slots().tryAcquire()).as("unlimited").isTrue();
        assertThat(two.slots().tryAcquire()).isTrue();
    }
}
