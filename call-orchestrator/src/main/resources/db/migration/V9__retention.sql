-- The retention job deletes old rows in bounded batches, oldest first: sent outbox rows by when they were sent
-- (never an unsent one), processed eventIds by when they were processed.
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX processed_event_age ON processed_event (processed_at);
