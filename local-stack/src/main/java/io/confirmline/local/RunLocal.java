package io.confirmline.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./run-local}: the whole suite on design.md §7's ports — Kafka, the registry, an embedded PostgreSQL (or
 * the one in {@code CONFIRMLINE_DB_JDBC_URL}), both sandboxes and the three services — until Ctrl-C.
 * {@code --demo} then books a guest for every outcome and exits 0 once the platform has heard each one.
 */
public final class RunLocal {

    private RunLocal() {
    }

    public static void main(String[] args) throws Exception {
        boolean demo = List.of(args).contains("--demo");
        Path repository = Path.of("").toAbsolutePath();
        Path logs = repository.resolve("local-stack/target/local-logs");
        System.out.println("Starting ConfirmLine on embedded infrastructure (logs in " + logs + ")...");
        EmbeddedPostgres postgres = null;
        LocalStack.Database database;
        String external = System.getenv("CONFIRMLINE_DB_JDBC_URL");
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault("CONFIRMLINE_DB_USER", "postgres");
            database = new LocalStack.Database(external, external.replaceFirst("^jdbc:", "r2dbc:"), user,
                    System.getenv().getOrDefault("CONFIRMLINE_DB_PASSWORD", ""));
        } else {
            postgres = EmbeddedPostgres.builder().setPort(5433)
                    .setDataDirectory(Files.createDirectories(repository.resolve("local-stack/target/local-postgres")))
                    .setCleanDataDirectory(false).start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                 ResultSet r = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'confirmline'")) {
                if (!r.next()) {
                    st.execute("CREATE DATABASE confirmline");
                }
            }
            database = new LocalStack.Database("jdbc:postgresql://127.0.0.1:5433/confirmline",
                    "r2dbc:postgresql://127.0.0.1:5433/confirmline", "postgres", "");
        }
        LocalStack.Timings timings = LocalStack.Timings.human();
        LocalStack stack;
        try {
            stack = LocalStack.start(repository, LocalStack.Ports.standard(), timings, database, logs);
        } catch (RuntimeException e) {
            System.err.println("ConfirmLine did not start: " + e.getMessage());
            close(postgres);
            System.exit(1);
            return;
        }
        EmbeddedPostgres pg = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping ConfirmLine...");
            stack.close();
            close(pg);
        }, "run-local-shutdown"));
        printWhatRuns(stack, database);
        if (demo) {
            boolean ok = new Demo(new PlatformClient(stack.url("platform-sandbox"), stack.url("call-orchestrator")), System.out)
                    .run(Duration.ofMinutes(5));
            System.exit(ok ? 0 : 1);
        }
        System.out.println("Press Ctrl-C to stop everything.");
        Thread.currentThread().join();
    }

    private static void printWhatRuns(LocalStack stack, LocalStack.Database database) {
        LocalStack.Ports p = stack.ports();
        String[][] rows = {
                {"webhook-ingress", "http://127.0.0.1:" + p.ingress(), "8x8 webhooks: /webhooks/8x8/vca, /webhooks/8x8/vss"},
                {"call-orchestrator", "http://127.0.0.1:" + p.orchestrator(), "POST /api/make-call, GET /api/calls/{id} (Bearer " + LocalStack.PLATFORM_KEY + ")"},
                {"platform-notifier", "http://127.0.0.1:" + p.notifier(), "GET /api/deliveries (Bearer " + LocalStack.PLATFORM_KEY + ")"},
                {"8x8 sandbox", "http://127.0.0.1:" + p.eightByEight(), "GET /sandbox/calls; the last digit of a number picks the guest"},
                {"platform sandbox", "http://127.0.0.1:" + p.platform(), "GET /received, PUT /behaviour, POST /reservations"},
                {"Kafka (KRaft)", stack.kafkaBootstrap(), ""},
                {"schema registry", stack.registryUrl(), "Apicurio; Confluent API at /apis/ccompat/v7"},
                {"PostgreSQL", database.jdbcUrl(), "schemas orchestrator, notifier"}};
        System.out.println();
        for (String[] row : rows) {
            System.out.println(String.format(Locale.ROOT, "  %-18s %-45s %s", row[0], row[1], row[2]));
        }
        System.out.println();
    }

    private static void close(EmbeddedPostgres postgres) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            }
        }
    }
}
