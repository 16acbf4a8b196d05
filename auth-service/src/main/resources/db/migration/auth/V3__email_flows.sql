-- Email flows of end users: confirmation, password reset, magic link and code sign-in, email change.

alter table auth_settings
    add column mail_sender text,
    -- Where links in mails point: the app's page that finishes the flow with POST /verify.
    add column site_url text,
    -- Per purpose: {"subject": ..., "body": ...} with {{link}}, {{code}} and {{email}}.
    add column mail_templates jsonb not null default '{}';

-- One-time tokens sent by mail: a link token and a short code, both single-use and expiring.
create table one_time_tokens (
    id uuid primary key,
    project_id uuid not null,
    user_id uuid not null references users (id) on delete cascade,
    purpose text not null check (purpose in ('signup', 'recovery', 'magiclink', 'email_change')),
    -- The address the mail went to (the new one for an email change).
    email text not null,
    -- SHA-256 of the link token (256 random bits).
    token_hash bytea not null,
    -- SHA-256 of the token id and the code, compared in constant time.
    code_hash bytea not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz
);
create unique index one_time_tokens_token_hash on one_time_tokens (token_hash);
create index one_time_tokens_lookup on one_time_tokens (project_id, email, purpose) where used_at is null;
create index one_time_tokens_user on one_time_tokens (user_id, purpose) where used_at is null;

-- Local mode: mails are kept here, readable through the admin API, instead of being sent.
create table mailbox (
    id uuid primary key,
    project_id uuid not null references projects (id) on delete cascade,
    recipient text not null,
    sender text not null,
    subject text not null,
    body text not null,
    created_at timestamptz not null
);
create index mailbox_project on mailbox (project_id, id);
