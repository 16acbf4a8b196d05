create table accounts (
    id uuid primary key,
    email text not null,
    password_hash text not null,
    admin boolean not null default false,
    created_at timestamptz not null
);
-- Emails are stored lower-cased, so this also makes them unique regardless of case.
create unique index accounts_email on accounts (email);

create table projects (
    id uuid primary key,
    name text not null,
    allowed_origins text[] not null default '{}',
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table project_members (
    project_id uuid not null references projects (id) on delete cascade,
    account_id uuid not null references accounts (id) on delete cascade,
    role text not null check (role in ('owner', 'developer', 'viewer')),
    created_at timestamptz not null,
    primary key (project_id, account_id)
);
create index project_members_account on project_members (account_id, project_id);

create table api_keys (
    id uuid primary key,
    project_id uuid not null references projects (id) on delete cascade,
    name text not null,
    type text not null check (type in ('publishable', 'secret')),
    prefix text not null,
    key_hash bytea not null,
    created_at timestamptz not null,
    last_used_at timestamptz,
    revoked_at timestamptz
);
create unique index api_keys_key_hash on api_keys (key_hash);
create index api_keys_project on api_keys (project_id, id);

create table signing_keys (
    kid text primary key,
    public_jwk text not null,
    -- The private JWK, encrypted with the master key (Tink AEAD, the kid as associated data).
    private_jwk_ciphertext bytea not null,
    created_at timestamptz not null,
    retired_at timestamptz
);
-- At most one signer at a time.
create unique index signing_keys_one_active on signing_keys ((true)) where retired_at is null;
create index signing_keys_retired_at on signing_keys (retired_at);

create table idempotency_requests (
    scope text not null,
    idempotency_key text not null,
    request_hash text not null,
    status integer,
    content_type text,
    location text,
    body bytea,
    created_at timestamptz not null default now(),
    primary key (scope, idempotency_key)
);
create index idempotency_requests_created_at on idempotency_requests (created_at);
