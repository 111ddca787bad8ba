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
package io.confirmline.local.bench;

import io.confirmline.testing.MachineCpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resident memory of the suite's JVMs, read from {@code /proc/<pid>/status} (Linux): {@code VmRSS} now and
 * {@code VmHWM}, the kernel's own peak, so a short spike between two samples is not missed. A JVM is found among this
 * JVM's descendants by its main class (the supervising shell carries the same words, so only {@code java} counts).
 */
final class ServiceMemory {

    /** Resident set in MiB: now and the peak since the process started. */
    record Rss(double nowMib, double peakMib) {}

    private final Map<String, Long> pids = new ConcurrentHashMap<>();

    /** The pid of the JVM running {@code mainClass}, started by this JVM (directly or through a watchdog). */
    static Optional<Long> pidOf(String mainClass) {
        return ProcessHandle.current()
                .descendants()
                .map(ProcessHandle::pid)
                .filter(pid -> arguments(pid).size() > 1
                        && arguments(pid).get(0).endsWith("/java")
                        && arguments(pid).contains(mainClass))
                .findFirst();
    }

    /** The process's command line as the kernel has it (ProcessHandle.Info cuts a long one short). */
    private static java.util.List<String> arguments(long pid) {
        try {
            return java.util.Arrays.asList(new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                            java.nio.charset.StandardCharsets.UTF_8)
                    .split("\u0000"));
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    /** CPU seconds (user + system) each tracked JVM has used so far, from {@code /proc/<pid>/stat}. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> MachineCpu.processSeconds(pid).ifPresent(seconds -> out.put(name, seconds)));
        out.put("postgres (all backends)", cpuOfCommand("postgres"));
        return out;
    }

    /** CPU seconds of every process whose command name is {@code comm} (PostgreSQL's backends come and go). */
    private static double cpuOfCommand(String comm) {
        double total = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .equals(comm)) {
                        total += MachineCpu.cpuSecondsOf(stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    void track(String name, String mainClass) {
        pidOf(mainClass).ifPresent(pid -> pids.put(name, pid));
    }

    Map<String, Rss> read() {
        Map<String, Rss> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> rss(pid).ifPresent(r -> out.put(name, r)));
        return out;
    }

    static Optional<Rss> rss(long pid) {
        try {
            double now = -1;
            double peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    now = kib(line) / 1024.0;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024.0;
                }
            }
            return now < 0 ? Optional.empty() : Optional.of(new Rss(now, peak));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
