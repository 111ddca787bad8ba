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
 * Brings the console's demo tenant up to what the demo needs — call-backs ({@link DemoTenantCallBacks}), the assistant
 * ({@link DemoTenantAssistant}) and, for a stack started from deploy/'s compose file, the demo's pace of attempts
 * ({@link DemoTenantPace}) — and, when anything changed, waits for the services to have it. A step that fails is said
 * and the others still run: the demo then names what did not happen.
 */
final class DemoTenantSetup {

    private DemoTenantSetup() {}

    static void ensure(String console, String availabilityUrl, boolean demoPace, PrintStream out)
            throws InterruptedException {
        boolean changed = step(
                () -> new DemoTenantCallBacks(console).ensure(out),
                out,
                "Could not give the demo tenant its call-back settings (call-backs will not reach it): ");
        changed |= step(
                () -> new DemoTenantAssistant(console, availabilityUrl).ensure(out),
                out,
                "Could not switch the demo tenant's assistant on (guests' free texts get the template): ");
        if (demoPace) {
            changed |= step(
                    () -> new DemoTenantPace(
                                    console,
                                    LocalStack.DEMO_MAX_ATTEMPTS,
                                    LocalStack.Timings.human().retryDelay())
                            .ensure(out),
                    out,
                    "Could not give the demo tenant the demo's pace of attempts (retries come later): ");
        }
        if (changed) {
            // The services follow tenants.v1 live; the change reaches them within a second or two.
            Thread.sleep(5000);
        }
    }

    private interface Step {
        boolean run();
    }

    private static boolean step(Step step, PrintStream out, String failure) {
        try {
            return step.run();
        } catch (IllegalStateException e) {
            out.println(failure + e.getMessage());
            return false;
        }
    }
}
