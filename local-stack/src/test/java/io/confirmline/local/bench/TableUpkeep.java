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
package io.confirmline.local.bench;

import io.confirmline.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * How PostgreSQL kept the services' busiest tables during a run: live and dead rows at the end, how often
 * autovacuum vacuumed and analyzed each, and how many rows sequential scans read. A server with autovacuum off (the
 * CI machine's) shows its dead rows piling up and its queries falling back to sequential scans here.
 */
final class TableUpkeep {

    private static final String SQL = """
            SELECT schemaname || '.' || relname AS name, n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count,
                   seq_scan, seq_tup_read, current_setting('autovacuum') AS autovacuum
            FROM pg_stat_user_tables
            WHERE (schemaname, relname) IN (('orchestrator', 'outbox'), ('orchestrator', 'call'),
                   ('orchestrator', 'processed_event'), ('console', 'outbox'), ('console', 'live_change'),
                   ('console', 'read_event'), ('notifier', 'delivery'), ('notifier', 'processed_event'))
            ORDER BY 1""";

    private TableUpkeep() {}

    static void print(TestPostgres.Database db) throws SQLException {
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SQL)) {
            System.out.println();
            boolean header = false;
            while (rows.next()) {
                if (!header) {
                    System.out.printf(
                            Locale.ROOT, "Busiest tables at the end (server autovacuum %s):%n%n", rows.getString(8));
                    System.out.println("| table | live rows | dead rows | autovacuums | autoanalyzes | sequential scans"
                            + " | rows read by them |");
                    System.out.println("|---|---|---|---|---|---|---|");
                    header = true;
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %d | %d | %d | %d | %d |%n",
                        rows.getString(1),
                        rows.getLong(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getLong(5),
                        rows.getLong(6),
                        rows.getLong(7));
            }
        }
    }
}
