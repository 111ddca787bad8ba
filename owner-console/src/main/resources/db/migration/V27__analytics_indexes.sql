-- The texts of a booking (the analytics' time to answer starts at the first one when the guest was never dialled;
-- a booking's page lists them): without it, every booking of a report would scan all of its tenant's texts.
CREATE INDEX conversation_message_reservation_idx ON conversation_message (tenant_id, reservation_id)
    WHERE reservation_id IS NOT NULL;
