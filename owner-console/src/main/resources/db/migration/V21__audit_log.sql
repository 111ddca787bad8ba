-- Who did what to which tenant, when and from where: admin changes and every sign-in. Never a secret value.
-- No foreign key to tenant: the lines outlive a deleted tenant.
CREATE TABLE audit_log (
    id             bigserial   PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor          text        NOT NULL,
    action         text        NOT NULL,
    tenant_id      text,
    detail         text,
    remote_address text
);

CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, id DESC);
