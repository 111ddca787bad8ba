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

import io.confirmline.testing.TestPostgres;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

/** Autovacuum's work on a real PostgreSQL server, for the queue tables only, by autovacuum's own rule. */
class QueueTableUpkeepTest {

    // Both queue tables carry the settings the services' migrations give theirs; autovacuum_enabled = false keeps
    // the server's own autovacuum (the embedded server runs it) from visiting them during the test.
    private static final String QUEUE_SETTINGS = "WITH (autovacuum_enabled = false, autovacuum_vacuum_threshold = 50,"
            + " autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_threshold = 50,"
            + " autovacuum_analyze_scale_factor = 0.02)";

    static TestPostgres.Database database;
    static QueueTableUpkeep upkeep;

    @BeforeAll
    static void tables() throws SQLException {
        database = TestPostgres.freshDatabase();
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA upkeep");
            // A queue table with much churn, a queue table with a little, and a table that is not a queue.
            sql.execute("CREATE TABLE upkeep.busy (id int PRIMARY KEY, sent boolean) " + QUEUE_SETTINGS);
            sql.execute("CREATE TABLE upkeep.quiet (id int PRIMARY KEY, sent boolean) " + QUEUE_SETTINGS);
            sql.execute(
                    "CREATE TABLE upkeep.plain (id int PRIMARY KEY, sent boolean) WITH (autovacuum_enabled = false)");
            for (String table : new String[] {"busy", "plain"}) {
                sql.execute("INSERT INTO upkeep." + table + " SELECT i, false FROM generate_series(1, 2000) i");
                sql.execute("DELETE FROM upkeep." + table + " WHERE id <= 1500");
            }
            sql.execute("INSERT INTO upkeep.quiet SELECT i, false FROM generate_series(1, 10) i");
        }
        DatabaseClient db = DatabaseClient.create(
                ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl() + "?schema=upkeep")
                        .mutate()
                        .option(ConnectionFactoryOptions.USER, database.username())
                        .option(ConnectionFactoryOptions.PASSWORD, database.password())
                        .build()));
        upkeep = new QueueTableUpkeep(
                db,
                new AutovacuumCheck(db),
                new TableUpkeepProperties(TableUpkeepProperties.Mode.AUTO, Duration.ofSeconds(10)));
        // The server's statistics reach its counters a moment after the transactions that made them.
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> stat("busy", "n_dead_tup") >= 1500 && stat("quiet", "n_mod_since_analyze") >= 10);
    }

    @Test
    void theQueueTablesAutovacuumWouldVisitAreVacuumedAndAnalyzedAndNoOtherTable() throws SQLException {
        // busy: 1,500 dead rows, over 50 + 2 % of its size; quiet: 10 changed rows, under 50; plain: no queue.
        assertThat(upkeep.due()).containsExactly(new QueueTableUpkeep.Due("upkeep.busy", true, true));

        upkeep.visitDue();

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> stat("busy", "vacuum_count") == 1);
        assertThat(stat("busy", "analyze_count")).isEqualTo(1);
        assertThat(stat("busy", "n_dead_tup")).isZero();
        assertThat(stat("plain", "vacuum_count")).isZero();
        assertThat(stat("plain", "n_dead_tup")).isEqualTo(1500);
        assertThat(stat("quiet", "vacuum_count") + stat("quiet", "analyze_count"))
                .isZero();
        // Visited, busy is due nothing until it changes again.
        assertThat(upkeep.due()).isEmpty();
    }

    @Test
    void itTakesOverOnlyFromAServerThatDoesNotVacuumButCounts() {
        var on = new AutovacuumCheck.Settings(false, false);
        var off = new AutovacuumCheck.Settings(true, false);
        var uncounted = new AutovacuumCheck.Settings(true, true);
        assertThat(QueueTableUpkeep.takesOver(TableUpkeepProperties.Mode.AUTO, off))
                .isTrue();
        assertThat(QueueTableUpkeep.takesOver(TableUpkeepProperties.Mode.AUTO, on))
                .isFalse();
        assertThat(QueueTableUpkeep.takesOver(TableUpkeepProperties.Mode.AUTO, uncounted))
                .isFalse();
        assertThat(QueueTableUpkeep.takesOver(TableUpkeepProperties.Mode.NEVER, off))
                .isFalse();
    }

    private static long stat(String table, String column) throws SQLException {
        try (Connection connection = database.connect();
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT " + column + " FROM pg_stat_user_tables"
                        + " WHERE schemaname = 'upkeep' AND relname = '" + table + "'")) {
            row.next();
            return row.getLong(1);
        }
    }
}
