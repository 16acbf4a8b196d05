-- Binds a function to events. Each trigger has one durable event subscription,
-- functions.trigger.<id>; schedule triggers also carry when they fire next.
create table triggers (
	id uuid primary key,
	project_id uuid not null,
	function_id uuid not null references functions (id) on delete cascade,
	kind text not null check (kind in ('storage', 'auth', 'database', 'schedule')),
	events text[] not null default '{}',
	bucket text,
	key_prefix text,
	key_suffix text,
	table_name text,
	cron text,
	time_zone text,
	next_fire_at timestamptz,
	created_at timestamptz not null
);

create index triggers_by_function on triggers (function_id, id);

-- Whether a table of a project is still watched by another database trigger.
create index triggers_by_table on triggers (project_id, table_name) where kind = 'database';

-- The schedulers claim due rows in fire order.
create index triggers_due on triggers (next_fire_at) where kind = 'schedule';

alter table invocations add column trigger_id uuid, add column event_id uuid;

create index invocations_by_trigger on invocations (trigger_id, id desc) where trigger_id is not null;

-- A redelivered event finds the invocation that already handled it.
create index invocations_by_event on invocations (event_id) where event_id is not null;
