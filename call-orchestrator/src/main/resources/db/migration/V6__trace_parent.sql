-- The W3C traceparent of the work that wrote the row, so the relay publishes inside the same trace.
ALTER TABLE outbox ADD COLUMN trace_parent text;
