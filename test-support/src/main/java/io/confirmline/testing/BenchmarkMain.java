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

    private BenchmarkMain() {
    }

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
