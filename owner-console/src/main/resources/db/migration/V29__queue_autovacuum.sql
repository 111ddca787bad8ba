-- Queue tables: their rows are inserted, updated and deleted all day. PostgreSQL's defaults vacuum a table when a
-- fifth of it is dead (and analyze it when a tenth changed), which for a table that keeps its finished rows for
-- days comes rarely and ever more rarely: meanwhile each claim walks the dead entries of the partial index it
-- reads, and the planner works from statistics of a smaller table. These are vacuumed and analyzed once 1,000
-- rows plus 2 % of the table changed (docs/benchmarks.md, "Autovacuum"). These are settings of the tables
-- only: a server with autovacuum off ignores them (each service warns of that at start).
ALTER TABLE outbox SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.02,
                   autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0.02,
                   autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE live_change SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.02,
                   autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0.02,
                   autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE read_event SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.02,
                   autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0.02,
                   autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);
