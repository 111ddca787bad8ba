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
package io.confirmline.events;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate generated classes it has not been told to trust
 * ({@code SecurityException: Forbidden io.confirmline.events.X}). This is the one place that trusts our event
 * package. Every generated record class calls it from its static initialiser (our copy of Avro's code template,
 * {@code src/main/avro-templates}), so no service, test or tool has to remember to.
 */
public final class TrustedEventPackages {

    /** The package of every generated event class. */
    public static final String EVENTS_PACKAGE = "io.confirmline.events";

    private static volatile boolean installed;

    private TrustedEventPackages() {}

    /** Trusts {@value #EVENTS_PACKAGE} on top of Avro's defaults; safe to call any number of times. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, TrustedEventPackages::isEvent));
        installed = true;
    }

    static boolean isEvent(Class<?> type) {
        return EVENTS_PACKAGE.equals(type.getPackageName());
    }
}
