-- The trace of the status change (its record's traceparent): each attempt to the platform is a span in it.
ALTER TABLE delivery ADD COLUMN trace_parent text;
