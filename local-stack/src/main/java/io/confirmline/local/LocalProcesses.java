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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Everything {@code ./run-local} starts, stopped by one shutdown hook — on Ctrl-C, SIGINT, SIGTERM or the end of
 * {@code --demo}. The hook is registered before anything starts, so a signal that arrives while the stack is still
 * starting (a minute or more) stops what has started too: the owned parts in reverse order (the applications, then
 * PostgreSQL), then every child process still running (SIGTERM, SIGKILL after 30 seconds).
 */
public final class LocalProcesses {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    private LocalProcesses() {}

    /** A new owner whose parts are stopped when this JVM exits. */
    public static LocalProcesses stoppedOnExit() {
        LocalProcesses processes = new LocalProcesses();
        Runtime.getRuntime().addShutdownHook(new Thread(processes::stopAll, "run-local-shutdown"));
        return processes;
    }

    /** Takes {@code part} over: it is closed when this JVM exits, before the parts owned earlier. */
    public synchronized <T extends AutoCloseable> T own(T part) {
        owned.push(part);
        return part;
    }

    /** Closes the owned parts, newest first, then stops whatever child process is left. */
    void stopAll() {
        System.out.println("Stopping ConfirmLine...");
        AutoCloseable part;
        while ((part = next()) != null) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + part + ": " + e);
            }
        }
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(GRACE);
        for (ProcessHandle child : children) {
            while (child.isAlive() && Instant.now().isBefore(deadline)) {
                sleep();
            }
            child.destroyForcibly();
        }
        System.out.println("ConfirmLine stopped.");
    }

    private synchronized AutoCloseable next() {
        return owned.poll();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
