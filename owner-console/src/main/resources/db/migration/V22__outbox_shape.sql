-- The one outbox shape of every service (the orchestrator's), so the console publishes through the shared relay
-- (kafka-support io.confirmline.outbox.OutboxRelay): each row names its topic, sent_at is when the broker took it,
-- and trace_parent may carry the trace of the change that wrote it. The payload stays nullable: a tombstone.
ALTER TABLE outbox ADD COLUMN topic text;
-- Rows written before this change were all for the tenant topic (confirmline.tenant-directory.topic, tenants.v1).
UPDATE outbox SET topic = 'tenants.v1';
ALTER TABLE outbox ALTER COLUMN topic SET NOT NULL;
ALTER TABLE outbox ADD COLUMN trace_parent text;
ALTER TABLE outbox RENAME COLUMN published_at TO sent_at;
ALTER INDEX outbox_unpublished RENAME TO outbox_unsent;
ALTER INDEX outbox_unpublished_key RENAME TO outbox_unsent_key;
-- The prune deletes sent rows by age.
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
