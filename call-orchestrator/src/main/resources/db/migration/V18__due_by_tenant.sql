-- The dialer claims due calls in turns across tenants (each tenant's oldest, then each one's second oldest...), so
-- that one tenant's backlog cannot fill every batch. This index lets a claim walk the tenants with scheduled calls
-- one index probe each and read each one's oldest due calls in order, instead of sorting every due call.
CREATE INDEX call_due_by_tenant ON call (tenant_id, due_at) WHERE status = 'SCHEDULED';
