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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The CPU time the whole machine spent busy, from Linux's {@code /proc/stat}: a benchmark reads it before and after
 * a phase to tell a run bound by the machine's cores (busy ≈ every core for the whole phase) from one that waits,
 * and to compare the CPU each piece of work costs with its baseline's, which varies less between runs than rates
 * do on a shared machine. Everything on the machine counts: the broker, PostgreSQL and the JVMs alike. It is also
 * where a benchmark reads one process's CPU time ({@link #processSeconds}, {@link #cpuSecondsOf}).
 */
public final class MachineCpu {

    /** Clock ticks per second of {@code /proc/stat} (USER_HZ, 100 on every Linux architecture Java runs on). */
    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * A reading: busy and total CPU seconds since boot, summed over every core, and the CPU seconds this JVM has used
     * (the rest of the busy time is the other processes': the broker, PostgreSQL...), of which its just-in-time
     * compiler threads used {@code jitSeconds} ({@link #jitCompilerSeconds}).
     */
    public record Reading(double busySeconds, double totalSeconds, double thisJvmSeconds, double jitSeconds) {

        public Reading(double busySeconds, double totalSeconds, double thisJvmSeconds) {
            this(busySeconds, totalSeconds, thisJvmSeconds, 0);
        }

        /**
         * What the machine did between {@code earlier} and this reading, in whole clock ticks: the readings are tick
         * counts since boot divided by 100, and subtracting two such doubles leaves a rounding error (a stretch with
         * every core busy once came out busier than the machine).
         */
        public Usage since(Reading earlier) {
            return new Usage(
                    wholeTicks(busySeconds - earlier.busySeconds),
                    wholeTicks(totalSeconds - earlier.totalSeconds),
                    wholeTicks(thisJvmSeconds - earlier.thisJvmSeconds),
                    wholeTicks(jitSeconds - earlier.jitSeconds));
        }

        private static double wholeTicks(double seconds) {
            return Math.round(seconds * TICKS_PER_SECOND) / TICKS_PER_SECOND;
        }
    }

    /**
     * Busy and total CPU seconds over a stretch of time, this JVM's share of the busy seconds, and its JIT compiler's
     * share of that.
     */
    public record Usage(double busySeconds, double totalSeconds, double thisJvmSeconds, double jitSeconds) {

        public Usage(double busySeconds, double totalSeconds, double thisJvmSeconds) {
            this(busySeconds, totalSeconds, thisJvmSeconds, 0);
        }

        /** The share of the machine's cores that was busy, 0 to 1. */
        public double busyShare() {
            return totalSeconds <= 0 ? 0 : busySeconds / totalSeconds;
        }

        /** Busy CPU milliseconds per unit of work done. */
        public double busyMillisPer(long units) {
            return units <= 0 ? 0 : busySeconds * 1000 / units;
        }

        /** This JVM's CPU milliseconds per unit of work done. */
        public double thisJvmMillisPer(long units) {
            return units <= 0 ? 0 : thisJvmSeconds * 1000 / units;
        }

        /** This JVM's JIT compiler's CPU milliseconds per unit of work done. */
        public double jitMillisPer(long units) {
            return units <= 0 ? 0 : jitSeconds * 1000 / units;
        }
    }

    private MachineCpu() {}

    /** Now; zeros where {@code /proc/stat} cannot be read (not Linux), so a benchmark still runs. */
    public static Reading read() {
        double jvm = processSeconds(ProcessHandle.current().pid()).orElse(0);
        double jit = jitCompilerSeconds();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    Reading machine = parse(line, jvm);
                    return new Reading(machine.busySeconds(), machine.totalSeconds(), jvm, jit);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: no figures.
        }
        return new Reading(0, 0, jvm, jit);
    }

    /** The CPU seconds (user and system) process {@code pid} has used so far; empty once it is gone. */
    public static OptionalDouble processSeconds(long pid) {
        try {
            return OptionalDouble.of(cpuSecondsOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException gone) {
            return OptionalDouble.empty();
        }
    }

    /**
     * The CPU seconds this JVM's just-in-time compiler threads have used so far (0 where {@code /proc} cannot be
     * read). A phase whose JVM still compiles its hot paths measures the compiler too: on two cores, compiling what
     * runs once per event took up to half of the benchmark JVM's CPU in a phase after a warm-up that was too short.
     * A lower bound: HotSpot stops compiler threads it started on demand once they idle, and their time leaves with
     * them (on two cores it has one thread per compiler, and the first of each is never stopped).
     */
    public static double jitCompilerSeconds() {
        double seconds = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    if (isJitCompilerThread(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                        seconds += cpuSecondsOf(stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // The thread ended between the listing and the read.
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
        return seconds;
    }

    /** HotSpot's compiler threads, as the kernel names them (15 characters): "C2 CompilerThre", "C1 CompilerThre". */
    static boolean isJitCompilerThread(String kernelThreadName) {
        return kernelThreadName.matches("C[12] CompilerThre.*");
    }

    /**
     * The CPU seconds in a {@code /proc/<pid>/stat} line: utime and stime, fields 14 and 15 of proc(5). They are
     * counted after the command name's closing parenthesis, since the name itself may hold spaces and parentheses.
     */
    public static double cpuSecondsOf(String procStat) {
        String[] fields = procStat.substring(procStat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * The aggregate line: user nice system idle iowait irq softirq steal guest guest_nice. Idle and iowait are not
     * busy; guest time is already counted in user time.
     */
    static Reading parse(String cpuLine, double thisJvmSeconds) {
        String[] f = cpuLine.trim().split("\\s+");
        long busy = 0;
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            long ticks = Long.parseLong(f[i]);
            total += ticks;
            if (i != 4 && i != 5) {
                busy += ticks;
            }
        }
        return new Reading(busy / TICKS_PER_SECOND, total / TICKS_PER_SECOND, thisJvmSeconds);
    }
}
