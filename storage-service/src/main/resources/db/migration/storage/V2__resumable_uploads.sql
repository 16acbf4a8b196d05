-- Unfinished tus uploads; their bytes so far are a file on local disk named by the id.
create table resumable_uploads (
    id uuid primary key,
    project_id uuid not null,
    bucket text not null,
    object_key text not null,
    length bigint not null,
    owner text,
    upsert boolean not null,
    cache_control text,
    metadata text,
    expires_at timestamptz not null,
    created_at timestamptz not null
);
create index resumable_uploads_expires_at on resumable_uploads (expires_at);
