-- Consumers are idempotent on the eventId of what they consume (design.md §5): a redelivered record finds its
-- eventId here and changes nothing.
CREATE TABLE processed_event (
    event_id     text        NOT NULL PRIMARY KEY,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
