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
package io.confirmline.testing;

import java.util.Arrays;
import java.util.List;

/**
 * How a {@link ServiceProcess} JVM is started: its options (heap, GC, JIT, stacks, ...), whether it uses an AppCDS
 * archive of its own classes ({@link AppCds}), and whether it starts from the code Spring AOT generated for it at
 * build time ({@link SpringAot}; only where that code is there and up to date). The defaults suit the small services on
 * a small machine; {@code ./run-local} may give others through the system properties {@code confirmline.jvm.options}
 * (space-separated, replaces the defaults), {@code confirmline.jvm.cds} ({@code true}: AppCDS, the archive made by a
 * training start the first time) and {@code confirmline.jvm.aot} ({@code false}: the beans defined at run time, as
 * without AOT). The tests keep CDS off (a training start would make a clean build's tests slower, not faster) and AOT
 * on, so the end-to-end tests start the services as {@code ./run-local} does.
 *
 * @param options the JVM's options, before {@code -cp}
 * @param cds whether to start from (and, the first time, make) the application's AppCDS archive
 * @param aot whether to start from the application's Spring AOT code where it has up-to-date code
 */
public record JvmOptions(List<String> options, boolean cds, boolean aot) {

    /**
     * A serial collector (no GC threads to feed on two cores), C1 only (most of the start is compiling), small thread
     * stacks, and a heap the services do not need more of. The heap starts at 64 MiB and grows when the live data
     * needs it: left to itself the JVM starts it at 1/64 of the machine's memory (384 MiB on 24 GB), and the serial
     * collector's young generation, a third of it, is all touched within seconds — about 100 MiB of resident memory
     * per service that held nothing live (docs/benchmarks.md, memory and start time).
     */
    public static final List<String> DEFAULTS =
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    public JvmOptions {
        options = List.copyOf(options);
    }

    /** The defaults, or what {@code confirmline.jvm.options}, {@code .cds} and {@code .aot} say. */
    public static JvmOptions fromSystemProperties() {
        String given = System.getProperty("confirmline.jvm.options", "").trim();
        List<String> options = given.isEmpty() ? DEFAULTS : Arrays.asList(given.split("\\s+"));
        return new JvmOptions(
                options,
                Boolean.getBoolean("confirmline.jvm.cds"),
                Boolean.parseBoolean(System.getProperty("confirmline.jvm.aot", "true")));
    }
}
