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
package io.confirmline.orchestrator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.core.env.Environment;

/**
 * For tests that force an interleaving: a connection of the test's own holds a lock while the service's statements
 * queue behind it, and another watches them queue.
 */
public final class LockWaits {

    private LockWaits() {}

    /** A JDBC connection of the test's own to the service's database (the one Flyway migrates). */
    public static Connection connect(Environment environment) throws SQLException {
        return DriverManager.getConnection(
                environment.getRequiredProperty("spring.flyway.url"),
                environment.getRequiredProperty("spring.flyway.user"),
                environment.getProperty("spring.flyway.password", ""));
    }

    /** Waits until at least {@code sessions} sessions wait for a lock in a statement starting with {@code statement}. */
    public static void await(Connection watcher, String statement, int sessions) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> waiting(watcher, statement) >= sessions);
    }

    private static int waiting(Connection watcher, String statement) throws SQLException {
        try (Statement query = watcher.createStatement();
                ResultSet rows = query.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND wait_event_type = 'Lock' "
                        + "AND ltrim(query) LIKE '" + statement + "%'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
