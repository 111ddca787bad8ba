-- Every change of a tenant takes the next value: a tenant deleted and created again always gets a higher revision
-- than any record of it before, so no service ignores the new tenant as an old revision.
CREATE SEQUENCE tenant_revision;

-- A tenant's non-secret settings (the admin API's JSON shape, without the secrets).
CREATE TABLE tenant (
    id           text        NOT NULL PRIMARY KEY,
    revision     bigint      NOT NULL,
    enabled      boolean     NOT NULL,
    display_name text        NOT NULL,
    settings     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- A tenant's secrets, each with a non-secret id to list and remove it by. The ones a service uses in clear (the
-- 8x8 API key, signing secrets) are sealed with the secrets key (AES-256-GCM, additional data tenantId:id, as on
-- tenants.v1); the ones that are only compared (webhook tokens, platform keys) are kept as SHA-256 digests only.
CREATE TABLE tenant_secret (
    tenant_id  text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id         text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('api-key', 'webhook-token', 'platform-key', 'signing-secret')),
    key_id     text,
    nonce      bytea,
    ciphertext bytea,
    sha256     bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CHECK ((kind IN ('api-key', 'signing-secret') AND key_id IS NOT NULL AND nonce IS NOT NULL
                AND ciphertext IS NOT NULL AND sha256 IS NULL)
        OR (kind IN ('webhook-token', 'platform-key') AND sha256 IS NOT NULL
                AND key_id IS NULL AND nonce IS NULL AND ciphertext IS NULL))
);
-- The start-up re-seal finds secrets under a previous key.
CREATE INDEX tenant_secret_key ON tenant_secret (key_id) WHERE key_id IS NOT NULL;

-- Virtual numbers (voice and SMS) are unique across tenants (design.md §10.1): the primary key holds that even
-- when two tenants claim one number at once.
CREATE TABLE tenant_number (
    number    text NOT NULL PRIMARY KEY,
    tenant_id text NOT NULL REFERENCES tenant (id) ON DELETE CASCADE
);
CREATE INDEX tenant_number_tenant ON tenant_number (tenant_id);

-- TenantConfigured records written in the same transaction as the change they announce (payload null: a
-- tombstone); the relay publishes them to tenants.v1 in id order, then marks them published. A tenant's changes
-- hold its row lock, so its rows are numbered in commit order.
CREATE TABLE outbox (
    id            bigserial   NOT NULL PRIMARY KEY,
    message_key   text        NOT NULL,
    payload       bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    claimed_by    uuid,
    claimed_until timestamptz,
    published_at  timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_unpublished_key ON outbox (message_key) WHERE published_at IS NULL;
