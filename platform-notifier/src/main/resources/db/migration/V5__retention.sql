-- Retention (Retention.java) deletes finished deliveries; their attempts go with them.
ALTER TABLE delivery_attempt
    DROP CONSTRAINT delivery_attempt_delivery_id_fkey,
    ADD CONSTRAINT delivery_attempt_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES delivery (id) ON DELETE CASCADE;

-- Each sweep finds the oldest finished rows by an index range scan, however large the tables grow.
CREATE INDEX delivery_succeeded_age ON delivery (delivered_at) WHERE status = 'SUCCEEDED';
CREATE INDEX delivery_dead_age ON delivery (dead_at) WHERE status = 'DEAD';
CREATE INDEX processed_event_age ON processed_event (processed_at);
