-- The PostgreSQL transport's shared tables, in the schema eventbus that belongs to the
-- transport alone. Migrated by the platform with its history in eventbus itself, so services
-- starting together take the same Flyway lock and apply this once.

create table subscriptions (
    name text primary key,
    type_pattern text not null,
    filter text,
    updated_at timestamptz not null default now()
);

-- The event log: every relayed event, pruned after the retention period once delivered.
create table events (
    position bigint generated always as identity primary key,
    id uuid not null,
    type text not null,
    payload text not null,
    created_at timestamptz not null default now()
);

create index events_created_at on events (created_at);

-- One row per subscription and pending event; consumers claim rows with FOR UPDATE SKIP LOCKED
-- and delete them in the transaction that handles the event.
create table deliveries (
    subscription text not null,
    event_position bigint not null,
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text,
    primary key (subscription, event_position)
);

create index deliveries_due on deliveries (subscription, next_attempt_at, event_position);

-- Lets retention find log entries that no delivery needs any more.
create index deliveries_event on deliveries (event_position);

create table dead_letters (
    id uuid primary key,
    subscription text not null,
    event_id uuid not null,
    type text not null,
    source text not null,
    subject text,
    project uuid,
    attempts integer not null,
    last_error text not null,
    payload text not null,
    dead_at timestamptz not null default now()
);

create index dead_letters_project on dead_letters (project, id);

create index dead_letters_event on dead_letters (subscription, event_id);
