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
import io.confirmline.database.ConfirmLineDatabaseAutoConfiguration;
import io.confirmline.testing.TestPostgres;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The start-up warning about a server that does not vacuum by itself, read from a real PostgreSQL: whichever the
 * test server is (the CI machine's runs with autovacuum off, the embedded one with it on), the check says what the
 * server's own {@code SHOW autovacuum} and {@code SHOW track_counts} say, and the log carries one warning exactly
 * when one of them is off. (Each branch is also covered without a server by {@code AutovacuumCheckTest}.)
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
    void theWarningFollowsTheServersOwnSettings() throws Exception {
        String autovacuum = setting("autovacuum");
        String trackCounts = setting("track_counts");

        List<String> problems = check.warnIfUnmaintained().block(Duration.ofSeconds(10));

        assertThat(problems.stream().anyMatch(problem -> problem.startsWith("autovacuum is off")))
                .isEqualTo("off".equals(autovacuum));
        assertThat(problems.stream().anyMatch(problem -> problem.startsWith("track_counts is off")))
                .isEqualTo("off".equals(trackCounts));
        List<ILoggingEvent> warnings = logged.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .toList();
        if (problems.isEmpty()) {
            assertThat(warnings).isEmpty();
        } else {
            assertThat(warnings)
                    .singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .asString()
                    .contains(problems.get(0))
                    .contains("turn autovacuum on");
        }
    }

    @Test
    void everyServiceWithADatabaseHasTheCheckAndOneWithoutHasNot() {
        ApplicationContextRunner service = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        R2dbcAutoConfiguration.class,
                        DataR2dbcAutoConfiguration.class,
                        ConfirmLineDatabaseAutoConfiguration.class))
                .withPropertyValues(
                        "spring.r2dbc.url=" + database.r2dbcUrl(),
                        "spring.r2dbc.username=" + database.username(),
                        "spring.r2dbc.password=" + Objects.requireNonNullElse(database.password(), ""));

        service.run(context -> assertThat(context).hasSingleBean(AutovacuumCheck.class));
        // The ingress: no R2DBC on its classpath at all.
        service.withClassLoader(new FilteredClassLoader(DatabaseClient.class))
                .run(context -> assertThat(context).doesNotHaveBean(AutovacuumCheck.class));
    }

    private String setting(String name) throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
