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

/**
 * The entry point of a load benchmark started with {@code exec:java}: runs it, prints what failed, and ends the
 * JVM with 0 or 1 — the in-process broker and the registry keep non-daemon threads, which the shutdown hooks stop.
 */
public final class BenchmarkMain {

    /** A benchmark's whole run. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    private BenchmarkMain() {}

    public static void runAndExit(Run benchmark) {
        int exit = 0;
        try {
            benchmark.run();
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }
}
