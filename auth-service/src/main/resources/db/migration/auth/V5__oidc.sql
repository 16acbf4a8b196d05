-- Sign-in with external OpenID Connect providers (authorization code with PKCE).

create table oidc_providers (
    id uuid primary key,
    project_id uuid not null references projects (id) on delete cascade,
    -- What apps name the provider in POST /authorize, e.g. google or corporate.
    name text not null,
    issuer text not null,
    client_id text not null,
    -- Encrypted with the master key (Tink AEAD, the provider id as associated data).
    client_secret_ciphertext bytea not null,
    scopes text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create unique index oidc_providers_project_name on oidc_providers (project_id, name);

-- One started sign-in: what the callback must match. Single-use, short-lived.
create table oidc_flows (
    state_hash bytea primary key,
    project_id uuid not null,
    provider_id uuid not null references oidc_providers (id) on delete cascade,
    code_verifier text not null,
    nonce text not null,
    redirect_uri text not null,
    expires_at timestamptz not null,
    used_at timestamptz
);
create index oidc_flows_expires_at on oidc_flows (expires_at);

-- Which provider account is which user.
create table user_identities (
    provider_id uuid not null references oidc_providers (id) on delete cascade,
    subject text not null,
    user_id uuid not null references users (id) on delete cascade,
    email text,
    created_at timestamptz not null,
    primary key (provider_id, subject)
);
create index user_identities_user on user_identities (user_id);
