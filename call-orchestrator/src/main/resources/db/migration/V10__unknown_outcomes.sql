-- Parked call events remember their tenant: while a tenant has an attempt whose outcome is unknown (DIALING without
-- a session, its Send Callflow answer lost), its unknown-session events wait for that attempt's summary.
ALTER TABLE parked_event ADD COLUMN tenant_id text;

-- Calls left DIALING without a summary deadline by earlier versions (a crash between the DIALING commit and 8x8's
-- answer) get one, and their attempt a row, so the outcome sweep closes them as lost (retried or concluded).
INSERT INTO call_attempt (call_id, attempt, attempt_id, dialed_at)
SELECT id, attempt, attempt_id, COALESCE(dialed_at, updated_at) FROM call
WHERE status = 'DIALING' AND session_id IS NULL AND attempt_id IS NOT NULL
ON CONFLICT (call_id, attempt) DO NOTHING;
UPDATE call SET settle_at = COALESCE(dialed_at, updated_at) + interval '15 minutes', settle_reason = 'SUMMARY_LOST'
WHERE status IN ('DIALING', 'IN_PROGRESS') AND settle_at IS NULL;
