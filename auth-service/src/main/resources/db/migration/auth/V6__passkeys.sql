-- Passkeys (WebAuthn): sign-in without a password.

create table passkeys (
    id uuid primary key,
    project_id uuid not null,
    user_id uuid not null references users (id) on delete cascade,
    credential_id bytea not null,
    name text not null,
    -- The credential's public key and AAGUID, as WebAuthn encodes them (webauthn4j's converter).
    attested_credential_data bytea not null,
    sign_count bigint not null,
    created_at timestamptz not null,
    last_used_at timestamptz
);
create unique index passkeys_project_credential on passkeys (project_id, credential_id);
create index passkeys_user on passkeys (user_id, id);

-- Challenges of started ceremonies: single-use, short-lived.
create table webauthn_challenges (
    id uuid primary key,
    project_id uuid not null,
    -- The registering user; absent for sign-in, where the passkey names the user.
    user_id uuid,
    challenge bytea not null,
    expires_at timestamptz not null,
    used_at timestamptz
);
create index webauthn_challenges_expires_at on webauthn_challenges (expires_at);
