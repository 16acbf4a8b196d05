-- Platform-owned tables in the service's own schema, migrated by the platform's own Flyway
-- history (platform_schema_history), never by the service's migrations.

-- Events written in the same transaction as the change that causes them; the relay sends
-- committed rows in position order and marks them sent.
create table event_outbox (
    position bigint generated always as identity primary key,
    id uuid not null,
    type text not null,
    payload text not null,
    created_at timestamptz not null default clock_timestamp(),
    sent_at timestamptz
);

create index event_outbox_unsent on event_outbox (position) where sent_at is null;

create index event_outbox_sent_at on event_outbox (sent_at) where sent_at is not null;

-- Written in the handler's transaction: a redelivered event finds its id here and is skipped.
create table event_processed (
    subscription text not null,
    event_id uuid not null,
    processed_at timestamptz not null default now(),
    primary key (subscription, event_id)
);

create index event_processed_processed_at on event_processed (processed_at);

-- Dead letters of this service's subscriptions when events travel over RabbitMQ.
create table event_dead_letters (
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

create index event_dead_letters_project on event_dead_letters (project, id);

create index event_dead_letters_event on event_dead_letters (subscription, event_id);
