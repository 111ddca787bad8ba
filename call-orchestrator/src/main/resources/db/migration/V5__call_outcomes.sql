-- One row per attempt: what 8x8 said about it (analytics and the API's attempt history).
CREATE TABLE call_attempt (
    call_id                uuid        NOT NULL REFERENCES call (id),
    attempt                integer     NOT NULL,
    attempt_id             text        NOT NULL,
    session_id             text        UNIQUE,
    dialed_at              timestamptz NOT NULL,
    connected_at           timestamptz,
    ended_at               timestamptz,
    duration_seconds       integer,
    provider_status        text,
    provider_error_code    integer,
    provider_error_message text,
    digits                 text,
    outcome                text,
    summary_received_at    timestamptz,
    PRIMARY KEY (call_id, attempt)
);

-- A call waiting for something that may never come: a key press after a summary without one (NO_INPUT), or the
-- session summary itself (SUMMARY_LOST). When settle_at passes, the attempt is concluded without it.
ALTER TABLE call ADD COLUMN settle_at timestamptz;
ALTER TABLE call ADD COLUMN settle_reason text;
ALTER TABLE call ADD COLUMN digits text;
CREATE INDEX call_settle ON call (settle_at) WHERE settle_at IS NOT NULL;

-- Call events for a session not known yet (its dialing transaction may not have committed): kept, retried, and
-- dead-lettered when the session stays unknown.
CREATE TABLE parked_event (
    event_id   text        NOT NULL PRIMARY KEY,
    topic      text        NOT NULL,
    session_id text        NOT NULL,
    payload    bytea       NOT NULL,
    parked_at  timestamptz NOT NULL DEFAULT now()
);
