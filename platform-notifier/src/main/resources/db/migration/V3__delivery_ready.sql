-- The head of each subject's queue is marked, so claiming due deliveries is an index range scan instead of an
-- "is an earlier one still pending?" check on every candidate. Kept right by DeliveryStore under a per-subject
-- advisory lock: set when a delivery is created behind nothing, moved on when the head is delivered or
-- dead-lettered, recomputed on replay.
ALTER TABLE delivery ADD COLUMN ready boolean NOT NULL DEFAULT false;

UPDATE delivery d SET ready = true
WHERE d.status = 'PENDING'
  AND d.sequence = (SELECT min(h.sequence) FROM delivery h
                    WHERE h.tenant_id = d.tenant_id AND h.subject_id = d.subject_id AND h.status = 'PENDING');

CREATE INDEX delivery_ready_due ON delivery (next_attempt_at) WHERE status = 'PENDING' AND ready;
DROP INDEX delivery_due;
