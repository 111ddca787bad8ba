-- The relay claims a batch of rows for a while (a short transaction), publishes them with no transaction open, then
-- marks them sent: claimed_until is when a claim that was never marked (a crash, a lost broker) may be taken again.
ALTER TABLE outbox ADD COLUMN claimed_by uuid;
ALTER TABLE outbox ADD COLUMN claimed_until timestamptz;
-- A key with a live claim is left to its claimant, so the events of one key are published in order.
CREATE INDEX outbox_unsent_key ON outbox (message_key) WHERE sent_at IS NULL;
