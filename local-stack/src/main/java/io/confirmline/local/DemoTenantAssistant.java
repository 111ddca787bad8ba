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

/**
 * Gives the demo tenant of a database kept from before the assistant (issue #17) its assistant settings — on, the
 * demo's short owner's window, the venue's address and FAQ, the platform sandbox's availability endpoint — through
 * the console's admin API, as {@link DemoTenantCallBacks} does for call-backs: the console imports its configured
 * tenant only when its database does not have it yet. A tenant with any assistant setting is left as it is (an
 * owner who switched the assistant off in /settings keeps it off; the demo then says what is missing).
 */
final class DemoTenantAssistant {

    private final ConsoleAdminCalls admin = new ConsoleAdminCalls();
    private final String console;
    private final String availabilityUrl;

    DemoTenantAssistant(String console, String availabilityUrl) {
        this.console = console;
        this.availabilityUrl = availabilityUrl;
    }

    /** Returns whether the tenant was changed (the services then have it within a few seconds, on tenants.v1). */
    boolean ensure(PrintStream out) {
        boolean changed = admin.changeDemoTenant(console, tenant -> {
            if (tenant.path("assistantEnabled").asBoolean(false)
                    || tenant.hasNonNull("availabilityUrl")
                    || tenant.hasNonNull("venueAddress")
                    || tenant.hasNonNull("assistantFaq")) {
                return false;
            }
            tenant.put("assistantEnabled", true);
            tenant.put("humanWindow", LocalStack.HUMAN_WINDOW.toString());
            tenant.put("venueAddress", LocalStack.VENUE_ADDRESS);
            tenant.put("assistantFaq", LocalStack.ASSISTANT_FAQ);
            tenant.put("availabilityUrl", availabilityUrl);
            return true;
        });
        if (changed) {
            out.println("The demo tenant in this database predates the assistant: switched it on (owner's window "
                    + LocalStack.HUMAN_WINDOW.toSeconds() + " s, availability " + availabilityUrl + ").");
        }
        return changed;
    }
}
