-- Call-backs (issue #15, design.md §10): bookings.v1, inbound calls, missed calls turned into texts.

-- bookings.v1 is compacted: a tombstone (a null payload) removes a booking that is over from the topic.
ALTER TABLE outbox ALTER COLUMN payload DROP NOT NULL;

-- The channel of the booking's last status change (bookings.v1 carries it also on a change that announces no
-- status), and when its tombstone went to bookings.v1 (null while it is published; a newer version clears it).
ALTER TABLE booking ADD COLUMN channel text NOT NULL DEFAULT 'VOICE';
ALTER TABLE booking ADD COLUMN tombstoned_at timestamptz;
CREATE INDEX booking_untombstoned ON booking (starts_at) WHERE tombstoned_at IS NULL;

-- A guest's call to a tenant's virtual number, as the ingress answered it (voice.inbound-calls.v1): recorded once
-- per 8x8 session, whichever event arrives first.
CREATE TABLE inbound_call (
    session_id          text        NOT NULL PRIMARY KEY,
    tenant_id           text        NOT NULL,
    caller              text        NOT NULL,
    virtual_number      text        NOT NULL,
    reservation_id      text,
    received_at         timestamptz NOT NULL,
    digits              text,
    put_through_to      text,
    put_through_at      timestamptz,
    closed_message_at   timestamptz,
    summary_received_at timestamptz,
    bridge_missed       text,        -- why the bridged leg (callB) reached nobody, from the summary; null if answered
    missed_call_at      timestamptz  -- when the missed call was handled (fact and text-back): once per session
);
CREATE INDEX inbound_call_caller ON inbound_call (tenant_id, caller);
CREATE INDEX inbound_call_received ON inbound_call (received_at);

-- At most one missed-call text per caller per tenant per hour.
ALTER TABLE conversation ADD COLUMN last_missed_call_text_at timestamptz;

-- An outbound call whose guest was put through to the restaurant (outcome TRANSFERRED): why the bridged leg reached
-- nobody, from the session summary (null when somebody answered), and when that missed call was handled. The key
-- press and the summary arrive on two topics in either order; whichever comes second handles it, once.
ALTER TABLE call_attempt ADD COLUMN bridge_missed text;
ALTER TABLE call_attempt ADD COLUMN missed_call_at timestamptz;
