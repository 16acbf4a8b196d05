-- End users of projects: sign-up, sign-in, sessions (issue 4).

create table auth_settings (
    project_id uuid primary key references projects (id) on delete cascade,
    password_min_length integer not null default 8 check (password_min_length between 6 and 200),
    -- zxcvbn score (0 very weak .. 4 very strong) a new password must reach.
    password_min_score integer not null default 2 check (password_min_score between 0 and 4),
    email_confirmation_required boolean not null default false,
    updated_at timestamptz not null
);

create table users (
    id uuid primary key,
    project_id uuid not null references projects (id) on delete cascade,
    -- Lower-cased; absent for anonymous users.
    email text,
    password_hash text,
    anonymous boolean not null default false,
    email_confirmed_at timestamptz,
    user_metadata jsonb not null default '{}',
    app_metadata jsonb not null default '{}',
    banned_until timestamptz,
    last_sign_in_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create unique index users_project_email on users (project_id, email);
create index users_project_id on users (project_id, id);
-- Admin search by email prefix.
create index users_project_email_prefix on users (project_id, email text_pattern_ops);

-- A session is one sign-in and the family of refresh tokens rotated from it.
create table sessions (
    id uuid primary key,
    project_id uuid not null,
    user_id uuid not null references users (id) on delete cascade,
    aal text not null,
    user_agent text,
    ip_address text,
    created_at timestamptz not null,
    refreshed_at timestamptz not null,
    revoked_at timestamptz,
    revoked_reason text
);
create index sessions_user on sessions (user_id, id);

create table refresh_tokens (
    -- SHA-256 of the token: 256 random bits need no slow hash, and one index lookup finds it.
    token_hash bytea primary key,
    session_id uuid not null references sessions (id) on delete cascade,
    created_at timestamptz not null,
    rotated_at timestamptz
);
create index refresh_tokens_session on refresh_tokens (session_id);
-- A session has at most one live refresh token, whatever races.
create unique index refresh_tokens_one_live on refresh_tokens (session_id) where rotated_at is null;

-- Throttling of sign-in, sign-up, reset and code attempts, per account and per client address.
create table attempt_counters (
    key text primary key,
    attempts integer not null,
    last_attempt_at timestamptz not null,
    blocked_until timestamptz
);
create index attempt_counters_last_attempt_at on attempt_counters (last_attempt_at);
