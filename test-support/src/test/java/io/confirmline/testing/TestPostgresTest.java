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

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void eachCallerGetsItsOwnEmptyDatabaseOnARealServer() throws Exception {
        TestPostgres.Database first = TestPostgres.freshDatabase();
        TestPostgres.Database second = TestPostgres.freshDatabase();

        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection connection = first.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE booking (id text PRIMARY KEY)");
            statement.execute("INSERT INTO booking VALUES ('r-1')");
            ResultSet version = statement.executeQuery("SHOW server_version_num");
            version.next();
            assertThat(version.getInt(1)).as("a real PostgreSQL server").isGreaterThanOrEqualTo(150000);
        }
        try (Connection connection = second.connect();
                Statement statement = connection.createStatement()) {
            ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'booking'");
            tables.next();
            assertThat(tables.getInt(1))
                    .as("the other database does not see the table")
                    .isZero();
        }
        assertThat(first.r2dbcUrl()).startsWith("r2dbc:postgresql://").endsWith("/" + first.name());
    }
}
