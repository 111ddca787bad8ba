-- A guest's data erased at a tenant's request (POST /api/erasures): what was erased and when, never whose — the
-- phone number is not kept (not even hashed: a phone number's hash is found again by hashing every number).
CREATE TABLE erasure (
    id             uuid        NOT NULL PRIMARY KEY,
    tenant_id      text        NOT NULL,
    erased_at      timestamptz NOT NULL,
    bookings       integer     NOT NULL,
    voice_messages integer     NOT NULL,
    calls          integer     NOT NULL,
    sessions       integer     NOT NULL
);
CREATE INDEX erasure_tenant ON erasure (tenant_id, erased_at);

-- Finding a guest's bookings and messages by number without reading every row of the tenant.
CREATE INDEX booking_guest_phone ON booking (tenant_id, guest_phone);
CREATE INDEX voice_message_phone ON voice_message (tenant_id, phone);
