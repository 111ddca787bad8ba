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

import io.confirmline.background.PollingLoop;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Does autovacuum's work for this service's queue tables when the server does not do it. The queue tables are the
 * ones whose migrations gave them autovacuum settings of their own (the outboxes, the deliveries, the calls, the
 * processed events, the console's live changes): their rows are inserted, updated and deleted all day. On a server
 * with {@code autovacuum = off} nothing ever removes their dead rows and index entries, so every claim walks
 * further, and nothing ever analyzes them, so PostgreSQL keeps the sequential-scan plans it made while they were
 * empty; docs/benchmarks.md measured PostgreSQL spending most of the machine on that under load.
 *
 * <p>Every {@code interval} the service reads PostgreSQL's own counters for those tables and, with autovacuum's own
 * rule — the tables' thresholds and scale factors, else the server's — vacuums and analyzes the ones autovacuum would
 * have visited ({@code SKIP_LOCKED}: a table another instance is vacuuming is left to it). Each round asks the server
 * first: nothing is done while its autovacuum runs ({@code mode: auto}, the default), nor without {@code
 * track_counts} (there are then no counters to go by; {@link AutovacuumCheck} warns). A table's own {@code
 * autovacuum_enabled = false} is not looked at: the services set it on none of theirs.
 */
public class QueueTableUpkeep implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueueTableUpkeep.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration VACUUM_WAIT = Duration.ofMinutes(30);

    /** What autovacuum would do now to this schema's queue tables, by its rule (PostgreSQL's autovacuum.c). */
    private static final String DUE = """
            SELECT format('%I.%I', n.nspname, c.relname) AS name,
                   s.n_dead_tup > t.vacuum_threshold + t.vacuum_scale * greatest(c.reltuples, 0)
                     OR (t.insert_threshold >= 0
                         AND s.n_ins_since_vacuum > t.insert_threshold + t.insert_scale * greatest(c.reltuples, 0))
                     AS vacuum,
                   s.n_mod_since_analyze > t.analyze_threshold + t.analyze_scale * greatest(c.reltuples, 0)
                     AS analyze
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_stat_user_tables s ON s.relid = c.oid
            CROSS JOIN LATERAL (
                SELECT coalesce(max(value) FILTER (WHERE key = 'autovacuum_vacuum_threshold'),
                                current_setting('autovacuum_vacuum_threshold'))::float8 AS vacuum_threshold,
                       coalesce(max(value) FILTER (WHERE key = 'autovacuum_vacuum_scale_factor'),
                                current_setting('autovacuum_vacuum_scale_factor'))::float8 AS vacuum_scale,
                       coalesce(max(value) FILTER (WHERE key = 'autovacuum_vacuum_insert_threshold'),
                                current_setting('autovacuum_vacuum_insert_threshold'))::float8 AS insert_threshold,
                       coalesce(max(value) FILTER (WHERE key = 'autovacuum_vacuum_insert_scale_factor'),
                                current_setting('autovacuum_vacuum_insert_scale_factor'))::float8 AS insert_scale,
                       coalesce(max(value) FILTER (WHERE key = 'autovacuum_analyze_threshold'),
                                current_setting('autovacuum_analyze_threshold'))::float8 AS analyze_threshold,
                       coalesce(max(value) FILTER (WHERE key = 'autovacuum_analyze_scale_factor'),
                                current_setting('autovacuum_analyze_scale_factor'))::float8 AS analyze_scale
                FROM (SELECT split_part(option, '=', 1) AS key, split_part(option, '=', 2) AS value
                      FROM unnest(c.reloptions) AS option) AS options) AS t
            WHERE n.nspname = current_schema() AND c.relkind = 'r'
              AND EXISTS (SELECT 1 FROM unnest(c.reloptions) AS option
                          WHERE option LIKE 'autovacuum_vacuum_scale_factor=%')
            ORDER BY 1""";

    private final DatabaseClient db;
    private final AutovacuumCheck server;
    private final TableUpkeepProperties properties;
    private final PollingLoop loop;
    // Whether the last round took the tables over (only the loop's thread reads and writes it).
    private boolean takingOver;

    public QueueTableUpkeep(DatabaseClient db, AutovacuumCheck server, TableUpkeepProperties properties) {
        this.db = db;
        this.server = server;
        this.properties = properties;
        this.loop = new PollingLoop("queue-table-upkeep", this::round, properties.interval());
    }

    /** A table due a visit, and which. */
    record Due(String table, boolean vacuum, boolean analyze) {}

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (properties.mode() != TableUpkeepProperties.Mode.NEVER) {
            loop.start();
        }
    }

    /** Whether the service does autovacuum's work on a server with these settings. */
    static boolean takesOver(TableUpkeepProperties.Mode mode, AutovacuumCheck.Settings settings) {
        return mode == TableUpkeepProperties.Mode.AUTO && settings.autovacuumOff() && !settings.trackCountsOff();
    }

    /**
     * Asks the server first, each time: a server unreachable at start, or whose autovacuum is switched on or off
     * later, is followed. Always 0: the loop then waits its interval.
     */
    int round() {
        AutovacuumCheck.Settings settings = server.settings().block(WAIT);
        boolean takeOver = settings != null && takesOver(properties.mode(), settings);
        if (takeOver != takingOver) {
            takingOver = takeOver;
            if (takeOver) {
                log.info(
                        "PostgreSQL's autovacuum is off: this service vacuums and analyzes its queue tables itself,"
                                + " looking every {}",
                        properties.interval());
            } else {
                log.info("PostgreSQL's autovacuum is on: the queue tables are left to it");
            }
        }
        if (takeOver) {
            visitDue();
        }
        return 0;
    }

    /** Vacuums and analyzes the queue tables that are due, each on its own: one that fails does not hold the rest. */
    void visitDue() {
        for (Due due : due()) {
            try {
                visit(due);
            } catch (RuntimeException failed) {
                log.warn(
                        "Upkeep of {} failed, tried again in {}: {}",
                        due.table(),
                        properties.interval(),
                        failed.toString());
            }
        }
    }

    /** The queue tables autovacuum would visit now. */
    List<Due> due() {
        List<Due> due = db.sql(DUE)
                .map(row -> new Due(
                        row.get("name", String.class),
                        Boolean.TRUE.equals(row.get("vacuum", Boolean.class)),
                        Boolean.TRUE.equals(row.get("analyze", Boolean.class))))
                .all()
                .filter(table -> table.vacuum() || table.analyze())
                .collectList()
                .block(WAIT);
        return due == null ? List.of() : due;
    }

    private void visit(Due due) {
        // The name comes from pg_class through format('%I'), quoted as an identifier; VACUUM takes no parameters.
        String statement =
                due.vacuum() ? "VACUUM (ANALYZE, SKIP_LOCKED) " + due.table() : "ANALYZE (SKIP_LOCKED) " + due.table();
        long started = System.nanoTime();
        // The services' connections cancel any statement after a few seconds (statementTimeout); a vacuum of a table
        // that grew while nobody vacuumed it may take longer, and one cancelled leaves the table as due as before.
        // So on one connection: no timeout for the vacuum, the connection's own again afterwards, whatever happened.
        db.inConnection(connection -> {
                    Mono<Void> reset = run(connection, "RESET statement_timeout");
                    return run(connection, "SET statement_timeout = 0")
                            .then(run(connection, statement))
                            .onErrorResume(failed -> reset.then(Mono.error(failed)))
                            .then(reset);
                })
                .block(VACUUM_WAIT);
        log.debug("{} took {} ms", statement, (System.nanoTime() - started) / 1_000_000);
    }

    private static Mono<Void> run(io.r2dbc.spi.Connection connection, String statement) {
        return reactor.core.publisher.Flux.from(
                        connection.createStatement(statement).execute())
                .flatMap(io.r2dbc.spi.Result::getRowsUpdated)
                .then();
    }

    @Override
    public void destroy() {
        loop.stop();
    }
}
