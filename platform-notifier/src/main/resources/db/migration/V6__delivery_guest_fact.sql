-- A guest fact (guest.opted_out, guest.opted_in...) is queued under the guest's conversation key
-- (<tenantId>:<phone>) and its body carries the phone. An erasure (GuestDataErased) names the guest's bookings,
-- never the number, so a guest fact keeps the booking it is about: that is how an erasure finds the guest's
-- conversation key, and with it every fact that carries their number.
ALTER TABLE delivery ADD COLUMN carries_phone boolean NOT NULL DEFAULT false;
ALTER TABLE delivery ADD COLUMN about_reservation_id text;

CREATE INDEX delivery_guest_fact_reservation ON delivery (tenant_id, about_reservation_id) WHERE carries_phone;
CREATE INDEX delivery_guest_fact_key ON delivery (tenant_id, subject_id) WHERE carries_phone;
