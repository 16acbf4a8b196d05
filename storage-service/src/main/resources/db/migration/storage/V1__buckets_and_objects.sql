create table buckets (
    id uuid primary key,
    project_id uuid not null,
    name text not null,
    public boolean not null,
    max_object_size bigint,
    allowed_mime_types text[] not null,
    -- Access rules for signed-in users (own, all or none): data an admin edits per bucket.
    authenticated_read text not null,
    authenticated_write text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (project_id, name)
);

create table objects (
    id uuid primary key,
    project_id uuid not null,
    bucket_id uuid not null references buckets (id),
    -- Byte order ("C") makes prefix ranges and listing order match what clients expect.
    object_key text collate "C" not null,
    blob_key text not null,
    size bigint not null,
    content_type text not null,
    sha256 text not null,
    cache_control text,
    owner text,
    metadata jsonb not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (bucket_id, object_key)
);

-- What each project stores, kept up to date in the transaction of every change so that
-- quotas are checked against one row instead of a sum over all objects.
create table project_usage (
    project_id uuid primary key,
    bytes bigint not null,
    objects bigint not null
);

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
