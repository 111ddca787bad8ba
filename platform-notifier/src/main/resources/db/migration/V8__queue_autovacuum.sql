-- Queue tables: their rows are inserted, updated and deleted all day. PostgreSQL's defaults vacuum a table once 50
-- rows plus a fifth of it are dead (analyze once 50 plus a tenth changed; an insert-only vacuum after 1,000 plus a
-- fifth), which for a table that keeps its finished rows for days comes ever more rarely as it grows: meanwhile
-- each claim walks the dead entries of the partial index it reads, and the planner works from statistics of a
-- smaller table. Here the fractions are 2 %, the base counts PostgreSQL's own, so these tables are visited at
-- least as soon as with the defaults at every size, and ten times as often once large (docs/benchmarks.md,
-- "Autovacuum"). These are settings of the tables only: a server with autovacuum off ignores them (each service
-- warns of that at start).
ALTER TABLE delivery SET (autovacuum_vacuum_threshold = 50, autovacuum_vacuum_scale_factor = 0.02,
                   autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0.02,
                   autovacuum_analyze_threshold = 50, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE processed_event SET (autovacuum_vacuum_threshold = 50, autovacuum_vacuum_scale_factor = 0.02,
                   autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0.02,
                   autovacuum_analyze_threshold = 50, autovacuum_analyze_scale_factor = 0.02);
