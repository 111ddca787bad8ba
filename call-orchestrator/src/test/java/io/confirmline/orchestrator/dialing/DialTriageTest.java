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

import io.confirmline.orchestrator.TestTenant;
import io.confirmline.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a claimed batch is split before anything is marked: the batch path, one by one, not dialed, given back. */
class DialTriageTest {

    /** The clock stands still: a rate's next moment never comes during a test. */
    private final TenantLimits limits = new TenantLimits(() -> 5_000_000_000L);

    private final Map<String, Tenant> tenants = Map.of(
            "luigis", tenant("luigis", "calls-per-second=2", "max-concurrent-calls=0"),
            "marios", tenant("marios", "calls-per-second=0", "max-concurrent-calls=2"),
            "closed", tenant("closed", "calls-per-second=0", "max-concurrent-calls=0", "enabled=false"));

    private final DialTriage triage =
            new DialTriage(id -> Optional.ofNullable(tenants.get(id)), limits, Duration.ofSeconds(20));

    @Test
    void aTenantsCallsBeyondWhatItsRateSendsWithinTheWaitAreGivenBack() {
        List<DueCall> claimed = calls("luigis", 50);

        DialTriage.Sorted sorted = triage.sort(claimed);

        assertThat(sorted.permitted()).extracting(DialTriage.Permit::call).containsExactly(claimed.get(0));
        assertThat(sorted.oneByOne())
                .as("two a second for 20 s: forty wait for the rate")
                .extracting(DialTriage.Waiting::call)
                .containsExactlyElementsOf(claimed.subList(1, 41));
        assertThat(sorted.givenBack()).containsExactlyElementsOf(claimed.subList(41, 50));
        assertThat(sorted.switchedOff()).isEmpty();
    }

    @Test
    void theConcurrencyLimitSendsTheRestOneByOneAndAPermitIsReleasedOnce() {
        List<DueCall> claimed = calls("marios", 5);

        DialTriage.Sorted sorted = triage.sort(claimed);

        assertThat(sorted.permitted()).hasSize(2);
        assertThat(sorted.oneByOne())
                .extracting(DialTriage.Waiting::call)
                .containsExactlyElementsOf(claimed.subList(2, 5));
        assertThat(sorted.givenBack()).as("no rate: nothing waits long").isEmpty();
        TenantLimits.Slots slots = sorted.permitted().get(0).slots();
        assertThat(slots.availablePermits()).isZero();
        sorted.permitted().get(0).release();
        sorted.permitted().get(0).release();
        assertThat(slots.availablePermits())
                .as("a second release gives nothing back")
                .isEqualTo(1);
    }

    @Test
    void aVoiceMessageGoesOneByOneAndTakesNoPermitHere() {
        DueCall message = call("marios", "VOICE_MESSAGE");

        DialTriage.Sorted sorted = triage.sort(List.of(message));

        assertThat(sorted.oneByOne()).extracting(DialTriage.Waiting::call).containsExactly(message);
        assertThat(sorted.permitted()).isEmpty();
        assertThat(limits.of(tenants.get("marios")).slots().availablePermits()).isEqualTo(2);
    }

    @Test
    void aSwitchedOffTenantsCallsAreNotDialedAndAnUnknownTenantsAreLeftClaimed() {
        DueCall closed = call("closed", "BOOKING");
        DueCall unknown = call("deleted", "BOOKING");
        DueCall luigis = call("luigis", "BOOKING");

        DialTriage.Sorted sorted = triage.sort(List.of(closed, unknown, luigis));

        assertThat(sorted.switchedOff()).containsExactly(closed);
        assertThat(sorted.permitted()).extracting(DialTriage.Permit::call).containsExactly(luigis);
        assertThat(sorted.oneByOne()).isEmpty();
        assertThat(sorted.givenBack()).isEmpty();
    }

    @Test
    void oneTenantsRateGivesBackNoneOfAnothersCalls() {
        List<DueCall> claimed = new java.util.ArrayList<>(calls("luigis", 45));
        claimed.addAll(calls("marios", 3));

        DialTriage.Sorted sorted = triage.sort(claimed);

        assertThat(sorted.givenBack())
                .hasSize(4)
                .allSatisfy(call -> assertThat(call.tenantId()).isEqualTo("luigis"));
        assertThat(sorted.permitted())
                .filteredOn(p -> p.tenant().id().equals("marios"))
                .hasSize(2);
        assertThat(sorted.oneByOne())
                .filteredOn(w -> w.tenant().id().equals("marios"))
                .hasSize(1);
    }

    private static List<DueCall> calls(String tenantId, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> call(tenantId, "BOOKING"))
                .toList();
    }

    private static DueCall call(String tenantId, String subjectType) {
        Instant now = Instant.parse("2026-12-04T19:30:00Z");
        return new DueCall(
                UUID.randomUUID(),
                tenantId,
                UUID.randomUUID().toString(),
                subjectType,
                1L,
                1,
                null,
                now.plusSeconds(60),
                now,
                null);
    }

    private static Tenant tenant(String id, String... limits) {
        String[] settings = new String[4 + limits.length];
        settings[0] = "id=" + id;
        settings[1] = "subaccount-id=" + id + "_voice";
        settings[2] = "api-key=k";
        settings[3] = "caller-id=+34910000000";
        System.arraycopy(limits, 0, settings, 4, limits.length);
        return TestTenant.tenant(TestTenant.settings(settings), 1);
    }
}
