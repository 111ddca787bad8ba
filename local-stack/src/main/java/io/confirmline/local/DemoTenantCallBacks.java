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
import java.time.DayOfWeek;
import tools.jackson.databind.node.ArrayNode;

/**
 * Gives the demo tenant of a database kept from before call-backs (issue #15) its call-back settings — the sandbox's
 * voice number as virtual number, the venue phone, opening hours round the clock — through the console's admin API.
 * The console imports its configured tenant only when its database does not have it yet, so a {@code ./run-local}
 * database from an earlier version would otherwise keep a demo tenant no call-back reaches (the ingress answers 401
 * to a call to a number no tenant has). A tenant that has any of these settings is left as it is.
 */
final class DemoTenantCallBacks {

    private final ConsoleAdminCalls admin = new ConsoleAdminCalls();
    private final String console;

    DemoTenantCallBacks(String console) {
        this.console = console;
    }

    /** Returns whether the tenant was changed (the services then have it within a few seconds, on tenants.v1). */
    boolean ensure(PrintStream out) {
        boolean changed = admin.changeDemoTenant(console, tenant -> {
            if (!tenant.path("virtualNumbers").isEmpty()
                    || tenant.hasNonNull("venuePhone")
                    || !tenant.path("openingHours").isEmpty()) {
                return false;
            }
            tenant.putArray("virtualNumbers").add(LocalStack.VIRTUAL_NUMBER);
            tenant.put("venuePhone", LocalStack.VENUE_PHONE);
            ArrayNode hours = tenant.putArray("openingHours");
            for (DayOfWeek day : DayOfWeek.values()) {
                hours.addObject().put("day", day.name()).put("opens", "00:00").put("closes", "12:00");
                hours.addObject().put("day", day.name()).put("opens", "12:00").put("closes", "00:00");
            }
            return true;
        });
        if (changed) {
            out.println("The demo tenant in this database predates call-backs: gave it the virtual number "
                    + LocalStack.VIRTUAL_NUMBER + ", the venue phone " + LocalStack.VENUE_PHONE
                    + " and round-the-clock hours.");
        }
        return changed;
    }
}
