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

import io.confirmline.testing.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The part of {@code ./run-local} that owns processes, in a JVM of its own for {@link RunLocalShutdownTest}: the
 * same {@link LocalProcesses} and {@link LocalPostgres} (when given a data directory and a port) plus one
 * supervised child, as each application is. Prints {@code READY <postgres pid or 0>} and waits to be stopped.
 */
public final class ShutdownProbe {

    private ShutdownProbe() {}

    public static void main(String[] args) throws Exception {
        LocalProcesses processes = LocalProcesses.stoppedOnExit();
        long postgresPid = 0;
        if (args.length == 2) {
            postgresPid = processes
                    .own(LocalPostgres.start(Path.of(args[0]), Integer.parseInt(args[1])))
                    .serverPid();
        }
        Process child = RegistryServer.superviseUntilParentExits(
                "sleep 600",
                ProcessHandle.current().pid(),
                Path.of("."),
                Files.createTempFile("confirmline-probe-child-", ".log"));
        processes.own(() -> RegistryServer.stopSupervised(child));
        System.out.println("READY " + postgresPid);
        System.out.flush();
        Thread.currentThread().join();
    }
}
