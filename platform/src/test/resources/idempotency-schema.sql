create table if not exists idempotency_requests (
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
