-- A function of a project. Settings that change how workers start bump the revision, so
-- the service replaces workers started with older settings.
create table functions (
	id uuid primary key,
	project_id uuid not null,
	name text not null,
	active_version_id uuid,
	env jsonb not null default '{}',
	timeout_ms integer not null,
	memory_mb integer not null,
	max_concurrency integer not null,
	revision bigint not null default 1,
	created_at timestamptz not null,
	updated_at timestamptz not null,
	unique (project_id, name)
);

-- Every deployed JAR, numbered per function; the JAR itself lives in the data directory.
create table function_versions (
	id uuid primary key,
	function_id uuid not null references functions (id) on delete cascade,
	number integer not null,
	handler text not null,
	kind text not null,
	jar_sha256 text not null,
	jar_size bigint not null,
	created_at timestamptz not null,
	unique (function_id, number)
);

alter table functions add constraint functions_active_version
	foreign key (active_version_id) references function_versions (id) deferrable initially deferred;

-- Secrets encrypted with the master key (Tink AEAD, the function id and name as associated data).
create table function_secrets (
	function_id uuid not null references functions (id) on delete cascade,
	name text not null,
	ciphertext bytea not null,
	updated_at timestamptz not null,
	primary key (function_id, name)
);

create table invocations (
	id uuid primary key,
	project_id uuid not null,
	function_id uuid not null references functions (id) on delete cascade,
	function_name text not null,
	version_id uuid not null,
	trigger text not null,
	caller_kind text,
	caller_subject text,
	status text not null,
	cold boolean,
	worker_id uuid,
	started_at timestamptz,
	duration_ms bigint,
	error_code text,
	error_type text,
	error_message text,
	logs jsonb not null default '[]',
	logs_truncated boolean not null default false,
	output bytea,
	output_content_type text,
	created_at timestamptz not null
);

-- Lists are newest first per project, optionally per function and status.
create index invocations_by_project on invocations (project_id, id desc);
create index invocations_by_function on invocations (function_id, id desc);
