-- Owner alerts (issue #16): texts to a venue's owner that the owner console decided (a late cancellation, a guest
-- left unanswered). Not a guest's conversation: no opt-out applies, nothing goes on conversations.v1. One row per
-- alert id the console gave, so a request the console repeats sends nothing twice.
CREATE TABLE owner_alert (
    tenant_id  text        NOT NULL,
    alert_id   text        NOT NULL,
    phone      text        NOT NULL,
    body       text        NOT NULL,
    state      text        NOT NULL,   -- PENDING (to try), SENDING (a request is asking 8x8), SENT, REFUSED
    umid       text,
    detail     text,
    claimed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, alert_id)
);
