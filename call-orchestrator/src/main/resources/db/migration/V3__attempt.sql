-- The 8x8 session of the current attempt, once 8x8 accepted it, and each attempt's id (sent as clientRequestId).
ALTER TABLE call ADD COLUMN attempt_id text;
ALTER TABLE call ADD COLUMN session_id text;
ALTER TABLE call ADD COLUMN dialed_at timestamptz;
CREATE UNIQUE INDEX call_session ON call (session_id) WHERE session_id IS NOT NULL;
