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
 * How a {@link ServiceProcess} JVM is started: its options (heap, GC, JIT, stacks, ...) and whether it uses an AppCDS
 * archive of its own classes ({@link AppCds}). The defaults suit the small services on a small machine; {@code
 * ./run-local} may give others through the system properties {@code confirmline.jvm.options} (space-separated, replaces
 * the defaults) and {@code confirmline.jvm.cds} ({@code true}: AppCDS, the archive made by a training start the first
 * time). The tests keep CDS off: a training start would make a clean build's tests slower, not faster.
 *
 * @param options the JVM's options, before {@code -cp}
 * @param cds whether to start from (and, the first time, make) the application's AppCDS archive
 */
public record JvmOptions(List<String> options, boolean cds) {

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

    /** The defaults, or what {@code confirmline.jvm.options} and {@code confirmline.jvm.cds} say. */
    public static JvmOptions fromSystemProperties() {
        String given = System.getProperty("confirmline.jvm.options", "").trim();
        List<String> options = given.isEmpty() ? DEFAULTS : Arrays.asList(given.split("\\s+"));
        return new JvmOptions(options, Boolean.getBoolean("confirmline.jvm.cds"));
    }
}
