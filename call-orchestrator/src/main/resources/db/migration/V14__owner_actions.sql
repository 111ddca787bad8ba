-- An owner's action on a call from the console (issue #16: call again now, cancel the pending call), by the
-- Idempotency-Key the console sent with it: a retried request is answered as the first was and changes nothing
-- more. Kept as long as processed eventIds (retention.processed-events).
CREATE TABLE owner_action (
    tenant_id       text        NOT NULL,
    idempotency_key text        NOT NULL,
    action          text        NOT NULL,
    call_id         uuid        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key)
);
CREATE INDEX owner_action_age ON owner_action (created_at);
