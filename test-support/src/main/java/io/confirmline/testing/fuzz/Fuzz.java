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
package io.confirmline.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * How many requests a fuzz test sends per endpoint, and the seed that makes its run reproducible.
 * {@code -Dconfirmline.fuzz.tries=100000} for a longer run, {@code -Dconfirmline.fuzz.seed=<seed>} to repeat one
 * (the seed is printed at the start of every run).
 */
public final class Fuzz {

    /**
     * Per endpoint in every {@code ./mvnw verify}: enough to reach every kind of hostile input many times over, few
     * enough that the whole build stays under its 15 minutes; longer runs are one property away.
     */
    public static final int DEFAULT_TRIES = 1_000;

    private Fuzz() {}

    public static int tries() {
        return Integer.getInteger("confirmline.fuzz.tries", DEFAULT_TRIES);
    }

    public static long seed() {
        String given = System.getProperty("confirmline.fuzz.seed");
        return given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given);
    }

    /**
     * {@code count} values of {@code gen}, drawn in order from {@code random}: the same seed gives the same values
     * (generation is single-threaded; only sending is concurrent).
     */
    public static <T> List<T> sample(Gen<T> gen, int count, SplittableRandom random) {
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(gen.next(random));
        }
        return values;
    }
}
