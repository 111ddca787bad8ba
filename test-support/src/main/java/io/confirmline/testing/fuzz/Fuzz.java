package io.confirmline.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * How many requests a fuzz test sends per endpoint, and the seed that makes its run reproducible.
 * {@code -Dconfirmline.fuzz.tries=100000} for a longer run, {@code -Dconfirmline.fuzz.seed=<seed>} to repeat one
 * (the seed is printed at the start of every run).
 */
public final class Fuzz {

    public static final int DEFAULT_TRIES = 10_000;

    private Fuzz() {
    }

    public static int tries() {
        return Integer.getInteger("confirmline.fuzz.tries", DEFAULT_TRIES);
    }

    public static long seed() {
        String given = System.getProperty("confirmline.fuzz.seed");
        return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given);
    }

    /** {@code count} values of {@code arbitrary}, drawn from {@code random} (edge cases mixed in, as jqwik does). */
    public static <T> List<T> sample(Arbitrary<T> arbitrary, int count, Random random) {
        List<T> values = new ArrayList<>(count);
        // Generators need a jqwik session outside a jqwik-run test (these run in Spring's Jupiter tests).
        JqwikSession.run(() -> {
            RandomGenerator<T> generator = arbitrary.generatorWithEmbeddedEdgeCases(100);
            for (int i = 0; i < count; i++) {
                values.add(generator.next(random).value());
            }
        });
        return values;
    }
}
