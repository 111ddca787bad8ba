-- The console key (issue #16): per tenant, made by the console to call the orchestrator's and the notifier's APIs
-- on the tenant's behalf (owner actions, the delivery log). Kept sealed like the 8x8 API key, since the console
-- needs it in clear; published on tenants.v1 only as a digest among the tenant's platform keys.
ALTER TABLE tenant_secret DROP CONSTRAINT tenant_secret_kind_check;
ALTER TABLE tenant_secret ADD CONSTRAINT tenant_secret_kind_check
    CHECK (kind IN ('api-key', 'webhook-token', 'platform-key', 'signing-secret', 'console-key'));
ALTER TABLE tenant_secret DROP CONSTRAINT tenant_secret_check;
ALTER TABLE tenant_secret ADD CONSTRAINT tenant_secret_check
    CHECK ((kind IN ('api-key', 'signing-secret', 'console-key') AND key_id IS NOT NULL AND nonce IS NOT NULL
                AND ciphertext IS NOT NULL AND sha256 IS NULL)
        OR (kind IN ('webhook-token', 'platform-key') AND sha256 IS NOT NULL
                AND key_id IS NULL AND nonce IS NULL AND ciphertext IS NULL));
-- At most one console key per tenant: two instances provisioning at once cannot both add one.
CREATE UNIQUE INDEX tenant_secret_one_console_key ON tenant_secret (tenant_id) WHERE kind = 'console-key';
