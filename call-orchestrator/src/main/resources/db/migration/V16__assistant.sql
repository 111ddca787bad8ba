-- The owner's reply window and the assistant (issue #17). A guest's text the reply parser does not settle waits
-- for a person until answer_due_at; then the assistant (or a template) answers it, unless a person took the
-- conversation over meanwhile. Texts that arrive while one waits join it, so a burst gets one answer.
ALTER TABLE conversation
    ADD COLUMN answer_due_at      timestamptz,
    -- An instance answering it holds it until then, so two instances never answer the same texts.
    ADD COLUMN answer_lease_until timestamptz,
    -- The free times last offered to the guest (["20:00","20:30"], the venue's local times on offered_date), the
    -- booking they are about (null for a new booking) and the party size, so the guest's pick can be sent on.
    ADD COLUMN offered_slots      jsonb,
    ADD COLUMN offered_date       date,
    ADD COLUMN offered_for        text,
    ADD COLUMN offered_party      integer,
    ADD COLUMN offered_at         timestamptz;

CREATE INDEX conversation_answer_due ON conversation (answer_due_at) WHERE answer_due_at IS NOT NULL;

-- Counting the assistant's texts per conversation per day (its daily limit).
CREATE INDEX text_message_author ON text_message (tenant_id, phone, author, created_at);

-- A guest's text that waits for an answer (the parser left it to a person); cleared once a person, the assistant
-- or a template answered it, so each text is answered once and a text arriving during an answer gets its own.
ALTER TABLE text_message ADD COLUMN awaits_answer boolean NOT NULL DEFAULT false;
CREATE INDEX text_message_awaiting ON text_message (tenant_id, phone) WHERE awaits_answer;
