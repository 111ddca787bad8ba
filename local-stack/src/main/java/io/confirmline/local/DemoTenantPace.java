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
package io.confirmline.local;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Gives the demo tenant of a stack started elsewhere (deploy/docker-compose.host.yml imports it with the production
 * defaults: three attempts, ten minutes apart) the demo's pace, as {@code ./run-local} has it, through the console's
 * admin API: two attempts, the second 15 s after the first, so the demo's retries (no answer, busy, nothing
 * pressed) and the texts after them come within its five minutes. A tenant already at that pace is left as it is.
 */
final class DemoTenantPace {

    private final ConsoleAdminCalls admin = new ConsoleAdminCalls();
    private final String console;
    private final int maxAttempts;
    private final Duration retryDelay;

    DemoTenantPace(String console, int maxAttempts, Duration retryDelay) {
        this.console = console;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
    }

    /** Returns whether the tenant was changed (the services then have it within a few seconds, on tenants.v1). */
    boolean ensure(PrintStream out) {
        boolean changed = admin.changeDemoTenant(console, tenant -> {
            if (Duration.parse(tenant.path("retryDelay").asString(retryDelay.toString()))
                            .equals(retryDelay)
                    && tenant.path("maxAttempts").asInt(maxAttempts) == maxAttempts) {
                return false;
            }
            tenant.put("retryDelay", retryDelay.toString());
            tenant.put("maxAttempts", maxAttempts);
            return true;
        });
        if (changed) {
            out.println("The demo tenant now makes " + maxAttempts + " attempts " + retryDelay.toSeconds()
                    + " s apart, as in ./run-local.");
        }
        return changed;
    }
}
