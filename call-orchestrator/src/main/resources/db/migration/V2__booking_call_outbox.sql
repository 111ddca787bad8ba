-- The newest known state of each booking; an event with a lower version never overwrites it.
CREATE TABLE booking (
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
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, reservation_id)
);

-- One call per booking or message: its status (design.md §4), when it is due and until when it makes sense.
CREATE TABLE call (
    id              uuid        NOT NULL PRIMARY KEY,
    tenant_id       text        NOT NULL,
    subject_type    text        NOT NULL,
    subject_id      text        NOT NULL,
    booking_version bigint,
    status          text        NOT NULL,
    attempt         integer     NOT NULL DEFAULT 1,
    due_at          timestamptz,
    valid_until     timestamptz,
    reason          text,
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, subject_id)
);
CREATE INDEX call_due ON call (due_at) WHERE status = 'SCHEDULED';

-- Events written in the same transaction as the state change they announce; a relay publishes them in id order.
CREATE TABLE outbox (
    id          bigserial   NOT NULL PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    payload     bytea       NOT NULL,   -- the event in plain Avro binary; the relay publishes it through the registry
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
