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
package io.confirmline.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AutovacuumCheckTest {

    @Test
    void aServerThatVacuumsByItselfRaisesNothing() {
        assertThat(AutovacuumCheck.problems(Map.of("autovacuum", "on", "track_counts", "on")))
                .isEmpty();
    }

    @Test
    void eachSettingThatStopsAutovacuumIsNamed() {
        assertThat(AutovacuumCheck.problems(Map.of("autovacuum", "off", "track_counts", "on")))
                .singleElement()
                .asString()
                .startsWith("autovacuum is off");
        assertThat(AutovacuumCheck.problems(Map.of("autovacuum", "on", "track_counts", "off")))
                .singleElement()
                .asString()
                .startsWith("track_counts is off");
        assertThat(AutovacuumCheck.problems(Map.of("autovacuum", "off", "track_counts", "off")))
                .hasSize(2);
    }

    @Test
    void aSettingTheServerDidNotReportIsNotGuessedAt() {
        // A server that reports neither (a proxy or a PostgreSQL-compatible database without them): no warning
        // rather than a false one.
        assertThat(AutovacuumCheck.problems(Map.of())).isEmpty();
    }
}
