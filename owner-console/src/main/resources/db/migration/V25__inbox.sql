-- The inbox's own data (issue #16 items 4 and 5): what the owner writes, not what the topics tell.

-- Quick replies: a tenant's ready-made answers, in the order the owner chose, offered under every thread's reply box.
CREATE TABLE quick_reply (
    tenant_id  text        NOT NULL,
    id         bigserial   NOT NULL,
    label      text        NOT NULL,
    body       text        NOT NULL,
    position   integer     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX quick_reply_order_idx ON quick_reply (tenant_id, position, id);

-- The local stack's demo tenant starts with two examples (an owner edits or deletes them like any other).
INSERT INTO quick_reply (tenant_id, label, body, position) VALUES
    ('demo', 'Table ready', 'Your table is ready and waiting for you. See you soon!', 1),
    ('demo', 'Running late?', 'No problem, we will keep your table for 15 more minutes. Just let us know if anything changes.', 2);

-- Alerts the owner asked for, one row per tenant: where to text them, and when. A NULL threshold is "off".
-- language: the owner's page language when they saved, so the alert texts are in it.
-- since: alerts consider only what happened after the alerts were first switched on (no flood of old events).
CREATE TABLE alert_settings (
    tenant_id          text        PRIMARY KEY,
    owner_phone        text        NOT NULL,
    late_cancel_hours  integer     CHECK (late_cancel_hours BETWEEN 1 AND 72),
    unanswered_minutes integer     CHECK (unanswered_minutes BETWEEN 1 AND 1440),
    language           text        NOT NULL DEFAULT 'en',
    since              timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Every alert decided, once (its key names what it is about: the cancelled booking, the unanswered message).
-- sent_at stays NULL until the orchestrator accepted it; the loop asks again with the same alert id until then.
CREATE TABLE alert_sent (
    alert_key  text        PRIMARY KEY,
    alert_id   uuid        NOT NULL UNIQUE,
    tenant_id  text        NOT NULL,
    kind       text        NOT NULL, -- LATE_CANCEL or UNANSWERED
    subject    text        NOT NULL, -- the reservationId, or the guest's phone
    to_phone   text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz,
    tries      integer     NOT NULL DEFAULT 0,
    next_try_at timestamptz NOT NULL DEFAULT now(),
    detail     text
);
CREATE INDEX alert_sent_pending_idx ON alert_sent (next_try_at) WHERE sent_at IS NULL;
