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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void theJitCompilerIsTheCompilerThreadsAsTheKernelNamesThem() {
        assertThat(MachineCpu.isJitCompilerThread("C2 CompilerThre")).isTrue();
        assertThat(MachineCpu.isJitCompilerThread("C1 CompilerThre")).isTrue();
        assertThat(MachineCpu.isJitCompilerThread("GC Thread#0")).isFalse();
        assertThat(MachineCpu.isJitCompilerThread("delivery-loop")).isFalse();
        // Where there is no /proc (not Linux), the method says 0 by its contract; there is nothing more to check.
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")));
        assertThat(MachineCpu.jitCompilerSeconds())
                .as("a running JVM has compiled something")
                .isPositive();
    }

    @Test
    void idleAndIowaitAreNotBusyAndGuestTimeIsNotCountedTwice() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        MachineCpu.Reading reading = MachineCpu.parse("cpu  1000 10 300 5000 200 5 15 0 700 0", 2.5);

        assertThat(reading.busySeconds()).isCloseTo(13.30, within(1e-9));
        assertThat(reading.totalSeconds()).isCloseTo(65.30, within(1e-9));
        assertThat(reading.thisJvmSeconds()).isEqualTo(2.5);
    }

    @Test
    void aStretchReportsTheBusyShareAndTheCpuPerUnitOfWork() {
        MachineCpu.Reading before = new MachineCpu.Reading(100, 400, 10);
        MachineCpu.Reading after = new MachineCpu.Reading(115, 420, 19);

        MachineCpu.Usage usage = after.since(before);

        assertThat(usage.busyShare()).isCloseTo(0.75, within(1e-9));
        assertThat(usage.busyMillisPer(3_000)).isCloseTo(5.0, within(1e-9));
        assertThat(usage.thisJvmMillisPer(3_000)).isCloseTo(3.0, within(1e-9));
        assertThat(new MachineCpu.Usage(0, 0, 0).busyShare()).isZero();
        assertThat(new MachineCpu.Reading(1_234_567.01, 2_469_134.01, 0)
                        .since(new MachineCpu.Reading(1_234_567.00, 2_469_134.00, 0))
                        .busyShare())
                .as("every core busy, seconds since boot subtracted")
                .isLessThanOrEqualTo(1.0);
    }

    @Test
    void aProcesssCpuIsItsUserAndSystemTicksWhateverItsNameHolds() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 30 0 12 345 67";

        assertThat(MachineCpu.cpuSecondsOf(stat)).isCloseTo(18.00, within(1e-9));
        assertThat(MachineCpu.processSeconds(Long.MAX_VALUE))
                .as("no such process")
                .isEmpty();
    }

    @Test
    void onThisMachineTimeMovesForwardAndThisJvmsWorkCounts() throws InterruptedException {
        MachineCpu.Reading before = MachineCpu.read();
        long spin = System.nanoTime() + 60_000_000L;
        long sum = 0;
        while (System.nanoTime() < spin) {
            sum += Long.numberOfTrailingZeros(System.nanoTime());
        }
        MachineCpu.Usage usage = MachineCpu.read().since(before);

        assertThat(sum).isPositive();
        assertThat(usage.totalSeconds()).isPositive();
        assertThat(usage.thisJvmSeconds()).isGreaterThan(0.03);
        assertThat(usage.busyShare()).isBetween(0.0, 1.0);
    }
}
