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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Warns once, when the service is ready, if its PostgreSQL server does not vacuum and analyze tables by itself.
 * Every service with a database keeps queues in it (outboxes, deliveries, the console's live changes) whose rows are
 * inserted, updated and deleted all day. Without autovacuum their dead rows and index entries stay, so each claim
 * walks further, and no statistics are gathered, so the planner keeps plans it made while the tables were empty
 * (sequential scans). docs/benchmarks.md measured both on a server with autovacuum off. A warning, not a refusal:
 * an operator may vacuum by schedule instead; the start never waits for this check or fails by it.
 */
public class AutovacuumCheck implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(AutovacuumCheck.class);

    private final DatabaseClient db;

    public AutovacuumCheck(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        warnIfUnmaintained()
                .subscribe(found -> {}, error -> log.debug("Could not read PostgreSQL's autovacuum settings", error));
    }

    /** Reads the server's settings and logs the warning when they leave the tables unmaintained; emits what it found. */
    public Mono<List<String>> warnIfUnmaintained() {
        return problems().doOnNext(found -> {
            if (!found.isEmpty()) {
                log.warn(
                        "PostgreSQL does not maintain this service's tables: {}. Queue tables (outbox, deliveries) then"
                                + " slow down as their dead rows pile up; turn autovacuum on (docs/operations.md,"
                                + " \"PostgreSQL\"). Until then the service vacuums its queue tables itself when it"
                                + " can (confirmline.database.upkeep)",
                        String.join("; ", found));
            }
        });
    }

    /** What the server's settings leave undone, each named with its setting; empty when autovacuum runs. */
    public Mono<List<String>> problems() {
        return read().map(AutovacuumCheck::problems);
    }

    /** The two settings as the server reports them; one it does not report counts as on. */
    public Mono<Settings> settings() {
        return read().map(settings ->
                new Settings("off".equals(settings.get("autovacuum")), "off".equals(settings.get("track_counts"))));
    }

    /** Whether the server's autovacuum is off, and whether it counts the tables' changes. */
    public record Settings(boolean autovacuumOff, boolean trackCountsOff) {}

    private Mono<Map<String, String>> read() {
        return db.sql("SELECT name, setting FROM pg_settings WHERE name IN ('autovacuum', 'track_counts')")
                .map(row -> Map.entry(row.get("name", String.class), row.get("setting", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .timeout(Duration.ofSeconds(10));
    }

    static List<String> problems(Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        if ("off".equals(settings.get("autovacuum"))) {
            problems.add("autovacuum is off (dead rows are never removed, statistics never gathered)");
        }
        if ("off".equals(settings.get("track_counts"))) {
            // Autovacuum decides which tables to visit from these counts: without them it visits none.
            problems.add("track_counts is off (autovacuum cannot tell which tables changed)");
        }
        return problems;
    }
}
