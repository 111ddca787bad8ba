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
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator: a value drawn from a seeded {@link SplittableRandom}, so one seed gives one run again. Only what the
 * fuzz tests need; anything else is a lambda ({@code random -> ...}) over the generators it draws from.
 */
@FunctionalInterface
public interface Gen<T> {

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /** Draws again until {@code accepted}; a filter that almost never passes is a mistake, not a slow run. */
    default Gen<T> filter(Predicate<? super T> accepted) {
        return random -> {
            for (int misses = 0; misses < 10_000; misses++) {
                T value = next(random);
                if (accepted.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("10,000 values in a row did not pass the filter");
        };
    }

    /** {@code null} with the given probability, else a value. */
    default Gen<T> orNull(double probability) {
        return random -> random.nextDouble() < probability ? null : next(random);
    }

    /** Lists of 0 to {@code maxSize} values. */
    default Gen<List<T>> lists(int maxSize) {
        return random -> {
            int size = random.nextInt(maxSize + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    /** One of {@code values}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** A value of one of {@code gens}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return oneOf(List.of(gens));
    }

    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        List<? extends Gen<? extends T>> copy = List.copyOf(gens);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    /** A generator chosen with a weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> gen) {}

    static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A value of one of the generators, each chosen in proportion to its weight. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> copy = List.of(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : copy) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new AssertionError("weights sum to " + total);
        };
    }

    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> combiner) {
        return random -> combiner.apply(a.next(random), b.next(random));
    }

    /** Any int; the boundaries and small values, where parsers and arithmetic break, come up often. */
    static Gen<Integer> ints() {
        return frequency(
                weight(1, of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                weight(2, ints(-1_000, 1_000)),
                weight(3, random -> random.nextInt()));
    }

    /** Between {@code min} and {@code max}, both included. */
    static Gen<Integer> ints(int min, int max) {
        return random -> (int) random.nextLong(min, (long) max + 1);
    }

    /** Any long; the boundaries and small values come up often. */
    static Gen<Long> longs() {
        return frequency(
                weight(1, of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)),
                weight(2, random -> random.nextLong(-1_000, 1_001)),
                weight(3, random -> random.nextLong()));
    }

    /** Any finite double, tiny to huge, negative zero and the extremes included. */
    static Gen<Double> doubles() {
        return frequency(
                weight(1, of(0.0, -0.0, 0.01, -0.01, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE)),
                weight(5, random -> (random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(-2, 309))));
    }

    /** Between {@code min} and {@code max}, both included. */
    static Gen<Character> chars(char min, char max) {
        return random -> (char) random.nextInt(min, max + 1);
    }

    /** One of the characters of {@code chars}. */
    static Gen<Character> charsOf(String chars) {
        return random -> chars.charAt(random.nextInt(chars.length()));
    }

    /** Strings of {@code minLength} to {@code maxLength} characters drawn from {@code chars}. */
    static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return random -> {
            char[] text = new char[random.nextInt(minLength, maxLength + 1)];
            for (int i = 0; i < text.length; i++) {
                text[i] = chars.next(random);
            }
            return new String(text);
        };
    }

    /** Random bytes, 0 to {@code maxLength} of them. */
    static Gen<byte[]> bytes(int maxLength) {
        return random -> {
            byte[] bytes = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
