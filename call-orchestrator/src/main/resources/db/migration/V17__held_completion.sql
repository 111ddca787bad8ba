-- A session's call.completed held on its attempt while the guest's key press may still be on its way. 8x8's key
-- press and its session summary reach us on two topics, in either order; when the summary of an answered call
-- comes first, its call.completed (Avro CallSessionSummary, single-object encoding) waits here until the key press
-- or the end of the key wait decides the call, so the platform always hears the outcome before the summary.
ALTER TABLE call_attempt ADD COLUMN held_completion bytea;
