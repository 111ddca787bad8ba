-- The people who sign in to the console, each for one tenant. The email is the login, unique whatever its case.
-- The password is a DelegatingPasswordEncoder hash ({bcrypt}...), null until the invitation is accepted; the
-- invitation token itself is never stored, only its SHA-256 digest.
CREATE TABLE tenant_user (
    id                    uuid        PRIMARY KEY,
    tenant_id             text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    email                 text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    display_name          text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    role                  text        NOT NULL CHECK (role IN ('OWNER', 'STAFF')),
    password_hash         text,
    disabled              boolean     NOT NULL DEFAULT false,
    invitation_digest     bytea       CHECK (invitation_digest IS NULL OR length(invitation_digest) = 32),
    invitation_expires_at timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX tenant_user_email_key ON tenant_user (lower(email));
CREATE UNIQUE INDEX tenant_user_invitation_key ON tenant_user (invitation_digest) WHERE invitation_digest IS NOT NULL;
CREATE INDEX tenant_user_tenant_idx ON tenant_user (tenant_id);
