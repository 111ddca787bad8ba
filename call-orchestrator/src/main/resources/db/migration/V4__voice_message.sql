-- One-way messages (OTP, notice, alert): called at once, the text said N times.
CREATE TABLE voice_message (
    tenant_id   text        NOT NULL,
    message_id  text        NOT NULL,
    phone       text        NOT NULL,
    locale      text        NOT NULL,
    text        text        NOT NULL,
    repetitions integer     NOT NULL,
    purpose     text        NOT NULL,
    valid_until timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, message_id)
);
