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
package io.confirmline.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.confirmline.database.AutovacuumCheck;
import io.confirmline.testing.TestPostgres;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The start-up warning about a server that does not vacuum by itself, read from a real PostgreSQL: whichever the
 * test server is (the CI machine's runs with autovacuum off, the embedded one with it on), the check says what
 * {@code SHOW autovacuum} says, and the log carries the warning exactly when it is off.
 */
class AutovacuumWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(AutovacuumCheck.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private TestPostgres.Database database;
    private AutovacuumCheck check;

    @BeforeEach
    void server() {
        database = TestPostgres.freshDatabase();
        DatabaseClient db =
                DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl())
                        .mutate()
                        .option(ConnectionFactoryOptions.USER, database.username())
                        .option(ConnectionFactoryOptions.PASSWORD, database.password())
                        .build()));
        check = new AutovacuumCheck(db);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(logged);
    }

    @Test
    void theWarningFollowsTheServersOwnSetting() throws Exception {
        boolean autovacuumOn;
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW autovacuum")) {
            result.next();
            autovacuumOn = "on".equals(result.getString(1));
        }

        List<String> problems = check.problems().block(Duration.ofSeconds(10));
        check.onApplicationEvent(null);

        if (autovacuumOn) {
            assertThat(problems).noneMatch(problem -> problem.startsWith("autovacuum"));
            Awaitility.await()
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> logged.list.stream()
                            .noneMatch(event -> event.getFormattedMessage().contains("autovacuum is off")));
        } else {
            assertThat(problems).anyMatch(problem -> problem.startsWith("autovacuum is off"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> logged.list.stream()
                            .anyMatch(event -> event.getLevel() == Level.WARN
                                    && event.getFormattedMessage().contains("autovacuum is off")));
        }
    }
}
