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
package io.confirmline.console.readmodel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Binding values to the projections' statements: optional ones (R2DBC needs the type of a null), and a batch's
 * columns as arrays for {@code unnest} (one statement for a poll's records).
 */
final class Binds {

    private Binds() {}

    static <T> GenericExecuteSpec bind(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static GenericExecuteSpec time(GenericExecuteSpec spec, String name, Instant value) {
        return bind(spec, name, value == null ? null : value.atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }

    /** One text column of a batch (nulls kept), for a {@code text[]} parameter. */
    static <T> String[] texts(List<T> rows, Function<T, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }

    /** One integer column of a batch (nulls kept), for an {@code integer[]} parameter. */
    static <T> Integer[] integers(List<T> rows, Function<T, Integer> column) {
        return rows.stream().map(column).toArray(Integer[]::new);
    }

    /** One bigint column of a batch (nulls kept), for a {@code bigint[]} parameter. */
    static <T> Long[] longs(List<T> rows, Function<T, Long> column) {
        return rows.stream().map(column).toArray(Long[]::new);
    }

    /** One boolean column of a batch (nulls kept), for a {@code boolean[]} parameter. */
    static <T> Boolean[] booleans(List<T> rows, Function<T, Boolean> column) {
        return rows.stream().map(column).toArray(Boolean[]::new);
    }

    /**
     * One time column of a batch as ISO-8601 text (nulls kept), for a {@code ::timestamptz[]} cast in the statement:
     * the cast reads the instant exactly, whatever the session's time zone.
     */
    static <T> String[] times(List<T> rows, Function<T, Instant> column) {
        return rows.stream()
                .map(column)
                .map(time -> time == null ? null : time.toString())
                .toArray(String[]::new);
    }
}
