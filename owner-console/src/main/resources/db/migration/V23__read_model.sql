-- The console's read model (issue #16): its own tables, built only from the topics (bookings.v1, calls.status.v1,
-- conversations.v1, tenants.v1, and sms.receipts.v1 for the price of each text). The console never reads another
-- service's database. Every table can be emptied and rebuilt from the beginning of the topics (README: "Rebuild
-- the console's read model"). Times are UTC.

-- Every event applied, by its eventId: a redelivered record changes nothing.
CREATE TABLE read_event (
    event_id   text        PRIMARY KEY,
    topic      text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- tenants.v1: what the pages need of each tenant (its time zone for "today", its name); removed on a tombstone.
CREATE TABLE tenant_view (
    tenant_id    text        PRIMARY KEY,
    revision     bigint      NOT NULL,
    display_name text        NOT NULL,
    time_zone    text        NOT NULL,
    enabled      boolean     NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- bookings.v1 (compacted, key reservationId): one row per booking, its latest snapshot. A tombstone (the booking is
-- over, or its guest was erased) keeps the row for analytics but blanks the guest's name and phone (ended = true).
-- A snapshot older than the row (version, then occurredAt) is ignored, so order per key holds on replay too.
CREATE TABLE booking_view (
    tenant_id      text        NOT NULL,
    reservation_id text        NOT NULL,
    version        bigint      NOT NULL,
    kind           text        NOT NULL,
    cancelled      boolean     NOT NULL,
    starts_at      timestamptz NOT NULL,
    time_zone      text        NOT NULL,
    guest_name     text        NOT NULL,
    guest_phone    text        NOT NULL,
    guest_locale   text        NOT NULL,
    venue_name     text        NOT NULL,
    party_size     integer,
    service_name   text,
    call_id        text,
    status         text,
    channel        text        NOT NULL,
    attempt        integer     NOT NULL,
    reason         text,
    last_change_at timestamptz NOT NULL,
    ended          boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, reservation_id)
);
CREATE INDEX booking_view_starts_idx ON booking_view (tenant_id, starts_at);
CREATE INDEX booking_view_reservation_idx ON booking_view (reservation_id);

-- calls.status.v1: every status change of every call, with the attempt's timings and 8x8's codes. The history of a
-- booking (its attempts) and the source of the analytics and the CSV export.
CREATE TABLE call_status_view (
    event_id            text        PRIMARY KEY,
    tenant_id           text        NOT NULL,
    subject_type        text        NOT NULL,
    subject_id          text        NOT NULL,
    call_id             text        NOT NULL,
    attempt             integer     NOT NULL,
    previous_status     text,
    status              text        NOT NULL,
    channel             text        NOT NULL,
    reason              text,
    digits              text,
    scheduled_for       timestamptz,
    dialed_at           timestamptz,
    connected_at        timestamptz,
    ended_at            timestamptz,
    duration_seconds    integer,
    provider_status     text,
    provider_error_code integer,
    occurred_at         timestamptz NOT NULL
);
CREATE INDEX call_status_view_subject_idx ON call_status_view (tenant_id, subject_id, occurred_at);
CREATE INDEX call_status_view_time_idx ON call_status_view (tenant_id, occurred_at);

-- conversations.v1, messages: one row per text (MESSAGE_RECEIVED / MESSAGE_SENT create it, MESSAGE_STATUS moves
-- its delivery state forward).
CREATE TABLE conversation_message (
    tenant_id       text        NOT NULL,
    message_id      text        NOT NULL,
    phone           text        NOT NULL,
    direction       text        NOT NULL,
    author          text        NOT NULL,
    body            text        NOT NULL,
    delivery        text        NOT NULL,
    purpose         text,
    reservation_id  text,
    interpretation  text,
    needs_attention boolean     NOT NULL DEFAULT false,
    umid            text,
    encoding        text,
    segments        integer,
    error_code      text,
    detail          text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX conversation_message_thread_idx ON conversation_message (tenant_id, phone, created_at);
CREATE INDEX conversation_message_umid_idx ON conversation_message (umid);

-- conversations.v1, threads: one row per guest and tenant for the inbox. unread = inbound texts since an owner
-- last opened or answered the thread.
CREATE TABLE conversation_thread (
    tenant_id       text        NOT NULL,
    phone           text        NOT NULL,
    last_message_at timestamptz NOT NULL,
    last_body       text,
    unread          integer     NOT NULL DEFAULT 0,
    last_read_at    timestamptz,
    taken_over_at   timestamptz,
    opted_out       boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, phone)
);
CREATE INDEX conversation_thread_recent_idx ON conversation_thread (tenant_id, last_message_at DESC);

-- conversations.v1, guest facts (OPTED_OUT, OPTED_IN, MISSED_CALL, CHANGE_REQUESTED, BOOKING_REQUESTED, TAKEN_OVER).
CREATE TABLE guest_fact (
    event_id       text        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    phone          text        NOT NULL,
    type           text        NOT NULL,
    reservation_id text,
    source         text,
    reason         text,
    occurred_at    timestamptz NOT NULL
);
CREATE INDEX guest_fact_thread_idx ON guest_fact (tenant_id, phone, occurred_at);

-- sms.receipts.v1: what 8x8 charged for each text (the analytics' text cost), joined to conversation_message by umid.
CREATE TABLE text_receipt (
    umid        text        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    state       text        NOT NULL,
    price_total numeric(12, 6),
    currency    text,
    received_at timestamptz NOT NULL
);
CREATE INDEX text_receipt_tenant_idx ON text_receipt (tenant_id, received_at);

-- The live feed of the pages: one row per change a board or inbox shows. Its id is the Server-Sent Event id, so a
-- browser that reconnects with Last-Event-ID gets every change after it. Pruned after confirmline.console.live.retention.
CREATE TABLE live_change (
    id         bigserial   PRIMARY KEY,
    tenant_id  text        NOT NULL,
    kind       text        NOT NULL, -- BOOKING or CONVERSATION
    subject    text        NOT NULL, -- the reservationId, or the guest's phone
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX live_change_tenant_idx ON live_change (tenant_id, id);
