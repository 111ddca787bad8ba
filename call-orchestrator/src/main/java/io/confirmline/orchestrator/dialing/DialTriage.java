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

import io.confirmline.tenant.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts a claimed batch by how each call is dialed, before anything is marked: with its tenant's permit taken now
 * (the batch path: checked and marked together), one by one (a voice message, or a call whose tenant's rate or
 * concurrency limit is not free now), not at all (its tenant is switched off), or given back to the next claim (a
 * tenant's calls beyond what its rate sends within {@code rate-wait}, so a large batch never keeps the loop, or
 * other tenants' due calls, waiting long). The tenant is read as it is now: its key, caller id, words and limits are
 * those of its latest settings.
 */
final class DialTriage {

    private static final Logger log = LoggerFactory.getLogger(DialTriage.class);

    private final Function<String, Optional<Tenant>> tenants;
    private final TenantLimits limits;
    private final Duration rateWait;

    DialTriage(Function<String, Optional<Tenant>> tenants, TenantLimits limits, Duration rateWait) {
        this.tenants = tenants;
        this.limits = limits;
        this.rateWait = rateWait;
    }

    /** A claimed batch, sorted; every claimed call is in at most one list (none when its tenant is unknown). */
    record Sorted(List<Permit> permitted, List<Waiting> oneByOne, List<DueCall> switchedOff, List<DueCall> givenBack) {}

    /** A call to be dialed on its own, taking its tenant's permit when the limits allow. */
    record Waiting(DueCall call, Tenant tenant, TenantLimits.Limits limits) {}

    /** A claimed call holding its tenant's permit (a slot, given back once its request is answered). */
    record Permit(DueCall call, Tenant tenant, TenantLimits.Slots slots, AtomicBoolean released) {

        Permit(DueCall call, Tenant tenant, TenantLimits.Slots slots) {
            this(call, tenant, slots, new AtomicBoolean());
        }

        /** Gives the slot back; only the first call counts. */
        void release() {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        }
    }

    Sorted sort(List<DueCall> claimed) {
        List<Permit> permitted = new ArrayList<>();
        List<Waiting> oneByOne = new ArrayList<>();
        List<DueCall> switchedOff = new ArrayList<>();
        List<DueCall> givenBack = new ArrayList<>();
        Map<String, Integer> waitingFor = new HashMap<>();
        for (DueCall call : claimed) {
            Tenant tenant = tenants.apply(call.tenantId()).orElse(null);
            if (tenant == null) {
                // Deleted from tenants.v1: an error for this call only; it stays claimed until its lease ends.
                log.error("Dialing call {} failed: it belongs to unknown tenant {}", call.id(), call.tenantId());
                continue;
            }
            if (!tenant.enabled()) {
                switchedOff.add(call);
                continue;
            }
            TenantLimits.Limits tenantLimits = limits.of(tenant);
            if (!call.voiceMessage() && tenantLimits.tryAcquire()) {
                permitted.add(new Permit(call, tenant, tenantLimits.slots()));
            } else if (waitingFor.merge(tenant.id(), 1, Integer::sum) > tenantLimits.sentWithin(rateWait)) {
                givenBack.add(call);
            } else {
                oneByOne.add(new Waiting(call, tenant, tenantLimits));
            }
        }
        return new Sorted(permitted, oneByOne, switchedOff, givenBack);
    }
}
