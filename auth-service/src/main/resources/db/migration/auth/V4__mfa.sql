-- Multi-factor sign-in with TOTP (RFC 6238) and recovery codes.

alter table auth_settings add column mfa_required boolean not null default false;

create table mfa_factors (
    id uuid primary key,
    project_id uuid not null,
    user_id uuid not null references users (id) on delete cascade,
    friendly_name text,
    -- The TOTP secret, encrypted with the master key (Tink AEAD, the factor id as associated data).
    secret_ciphertext bytea not null,
    verified_at timestamptz,
    -- The last time step whose code was accepted: a code works once.
    last_used_step bigint,
    created_at timestamptz not null
);
create index mfa_factors_user on mfa_factors (user_id, id);

create table mfa_recovery_codes (
    user_id uuid not null references users (id) on delete cascade,
    -- SHA-256 of the code (about 50 random bits, throttled like every code).
    code_hash bytea not null,
    used_at timestamptz,
    primary key (user_id, code_hash)
);
