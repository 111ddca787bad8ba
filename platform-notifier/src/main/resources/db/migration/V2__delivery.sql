-- Every status change the platform must hear about, kept until the platform answered 2xx or the delivery was
-- dead-lettered. Deliveries of one subject (reservation or message) go out in `sequence` order: a delivery is
-- attempted only when no earlier delivery of its subject is still PENDING.
CREATE TABLE delivery (
    id               uuid        NOT NULL PRIMARY KEY,   -- the webhook-id the platform sees on every attempt
    sequence         bigserial   NOT NULL UNIQUE,        -- intake order; Kafka keeps a subject's events in order
    tenant_id        text        NOT NULL,
    subject_id       text        NOT NULL,               -- reservationId or messageId
    event_id         text        NOT NULL UNIQUE,        -- the CallStatusChanged eventId
    type             text        NOT NULL,               -- e.g. reservation.confirmed
    payload          text        NOT NULL,               -- the exact JSON body that is signed and sent
    occurred_at      timestamptz NOT NULL,
    status           text        NOT NULL,               -- PENDING, SUCCEEDED, DEAD
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    dead_at          timestamptz
);

-- The claim query: due PENDING deliveries, and "is an earlier one of this subject still pending?".
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_subject_pending ON delivery (tenant_id, subject_id, sequence) WHERE status = 'PENDING';
CREATE INDEX delivery_listing ON delivery (tenant_id, subject_id, sequence);

-- One row per HTTP attempt, for the delivery log.
CREATE TABLE delivery_attempt (
    delivery_id  uuid        NOT NULL REFERENCES delivery (id),
    attempt      integer     NOT NULL,
    started_at   timestamptz NOT NULL,
    duration_ms  integer     NOT NULL,
    status_code  integer,
    error        text,
    PRIMARY KEY (delivery_id, attempt)
);

-- An endpoint the platform told us is gone (410): nothing is sent to it until an operator enables it again.
CREATE TABLE disabled_endpoint (
    tenant_id    text        NOT NULL PRIMARY KEY,
    disabled_at  timestamptz NOT NULL DEFAULT now(),
    reason       text        NOT NULL
);
