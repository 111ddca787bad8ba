-- The trace of the booking or message a call is for, continued when the call is dialed (on another thread, later).
ALTER TABLE call ADD COLUMN trace_parent text;
