-- Texts (issue #14, design.md §10): the fallback text, guests' replies, acknowledgements and owners' replies.

-- The platform may ask for a booking to be texted, never called.
ALTER TABLE booking ADD COLUMN text_only boolean NOT NULL DEFAULT false;

-- Numbers that asked not to be contacted by a tenant any more, by any channel: checked before every call and text.
-- Kept through a guest's erasure: forgetting an opt-out would contact the guest again.
CREATE TABLE opt_out (
    tenant_id    text        NOT NULL,
    phone        text        NOT NULL,
    source       text        NOT NULL,   -- GUEST_TEXT, PLATFORM, CONSOLE
    reason       text,
    opted_out_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, phone)
);

-- Every text in and out of a guest's conversation with a tenant. An outbound text is PENDING until its moment
-- (quiet hours) and until 8x8 accepts it; its id is the clientMessageId 8x8 gets, so a resent request is one text.
CREATE TABLE text_message (
    id             uuid        NOT NULL PRIMARY KEY,
    tenant_id      text        NOT NULL,
    phone          text        NOT NULL,
    direction      text        NOT NULL,   -- INBOUND, OUTBOUND
    author         text        NOT NULL,   -- GUEST, OWNER, ASSISTANT, SYSTEM
    purpose        text,                   -- FALLBACK, ACKNOWLEDGEMENT, ... (outbound)
    interpretation text,                   -- CONFIRM, CANCEL, OPT_OUT, ... (inbound)
    reservation_id text,
    call_id        uuid,
    body           text        NOT NULL,
    state          text        NOT NULL,   -- RECEIVED, PENDING, QUEUED, SENT, DELIVERED, UNDELIVERED, REJECTED, FAILED, READ
    umid           text,
    sender         text,
    encoding       text,
    segments       integer,
    due_at         timestamptz,
    expires_at     timestamptz,
    lease_until    timestamptz,
    tries          integer     NOT NULL DEFAULT 0,
    error_code     integer,
    detail         text,
    price          numeric,
    currency       text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX text_message_umid ON text_message (direction, umid) WHERE umid IS NOT NULL;
CREATE INDEX text_message_due ON text_message (due_at) WHERE state = 'PENDING';
CREATE INDEX text_message_thread ON text_message (tenant_id, phone, created_at);
CREATE INDEX text_message_call ON text_message (call_id) WHERE call_id IS NOT NULL;

-- A guest's conversation with a tenant: whether a person has taken it over (no automatic replies any more) and
-- when the last automatic "we'll get back to you" went out (at most one an hour).
CREATE TABLE conversation (
    tenant_id             text        NOT NULL,
    phone                 text        NOT NULL,
    taken_over_at         timestamptz,
    last_holding_reply_at timestamptz,
    PRIMARY KEY (tenant_id, phone)
);
