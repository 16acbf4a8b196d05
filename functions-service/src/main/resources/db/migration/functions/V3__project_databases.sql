-- The database of each project: a schema and a login role of the same name that owns it.
-- The role's password is encrypted with the master key (Tink AEAD, the project id as
-- associated data); roles and schemas themselves are created by the service on first use.
create table project_databases (
	project_id uuid primary key,
	name text not null unique,
	password bytea not null,
	created_at timestamptz not null
);

-- Turns a row change of a watched project table into a db.row.* CloudEvent in this
-- service's outbox, in the transaction of the change. It runs as its owner (this service)
-- since project roles may not write the outbox; nobody else may execute it, so a project
-- role can neither call it nor attach it to a table of its own to forge events.
--
-- Arguments (fixed by the service when it installs the trigger): project id, event source,
-- the largest event in bytes. The payload is the CloudEvents JSON the platform's
-- EventPublisher writes for the same event, byte for byte; a change whose event would be
-- larger keeps schema and table but drops old and new rows and says "truncated":true.
--
-- to_json calls a user-defined cast to json when a column's type is a user-defined enum or
-- range, which would run project code as this function's owner. Tables with columns of
-- types made after initdb therefore take the slow path: those columns are written as
-- their text form, produced by the type's output function, which only a superuser can
-- define.
create function emit_row_event() returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
	event_id uuid;
	event_type text;
	event_time timestamptz := clock_timestamp();
	time_text text;
	fraction text;
	rows_json text[] := array[null, null];
	row_value record;
	which integer;
	user_types boolean;
	column_info record;
	column_json json;
	parts text[];
	data text;
	payload text;
begin
	event_type := 'db.row.' || case TG_OP when 'INSERT' then 'inserted' when 'UPDATE' then 'updated' else 'deleted' end;
	-- A UUIDv7 like the platform's ids: milliseconds since the epoch, then random bits.
	event_id := encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
		placing substring(int8send(floor(extract(epoch from event_time) * 1000)::bigint) from 3) from 1 for 6),
		52, 1), 53, 1), 'hex')::uuid;
	-- ISO-8601 in UTC as java.time writes it: no trailing zeros in the fraction.
	time_text := to_char(event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS');
	fraction := rtrim(to_char(event_time at time zone 'UTC', 'US'), '0');
	if fraction <> '' then
		time_text := time_text || '.' || fraction;
	end if;
	time_text := time_text || 'Z';

	with recursive column_types (oid, typtype, typbasetype) as (
		select t.oid, t.typtype, t.typbasetype from pg_attribute a join pg_type t on t.oid = a.atttypid
		where a.attrelid = TG_RELID and a.attnum > 0 and not a.attisdropped
		union all
		select b.oid, b.typtype, b.typbasetype from column_types d join pg_type b on b.oid = d.typbasetype
		where d.typtype = 'd'
	)
	select exists (select 1 from column_types where typtype <> 'd' and oid >= 16384) into user_types;

	for which in 1..2 loop
		if (which = 1 and TG_OP = 'INSERT') or (which = 2 and TG_OP = 'DELETE') then
			continue;
		end if;
		if which = 1 then
			row_value := OLD;
		else
			row_value := NEW;
		end if;
		if not user_types then
			rows_json[which] := to_json(row_value)::text;
		else
			parts := array[]::text[];
			for column_info in
				with recursive column_types (attnum, oid, typtype, typbasetype) as (
					select a.attnum, t.oid, t.typtype, t.typbasetype from pg_attribute a
					join pg_type t on t.oid = a.atttypid
					where a.attrelid = TG_RELID and a.attnum > 0 and not a.attisdropped
					union all
					select d.attnum, b.oid, b.typtype, b.typbasetype from column_types d
					join pg_type b on b.oid = d.typbasetype where d.typtype = 'd'
				)
				select a.attname, exists (select 1 from column_types c where c.attnum = a.attnum
					and c.typtype <> 'd' and c.oid >= 16384) as user_type
				from pg_attribute a
				where a.attrelid = TG_RELID and a.attnum > 0 and not a.attisdropped
				order by a.attnum
			loop
				if column_info.user_type then
					execute format('select case when ($1).%1$I is null then null'
						|| ' else pg_catalog.to_json(pg_catalog.format(''%%s'', ($1).%1$I)) end', column_info.attname)
						into column_json using row_value;
				else
					execute format('select pg_catalog.to_json(($1).%I)', column_info.attname)
						into column_json using row_value;
				end if;
				parts := parts || (to_json(column_info.attname::text)::text || ':' || coalesce(column_json::text, 'null'));
			end loop;
			rows_json[which] := '{' || array_to_string(parts, ',') || '}';
		end if;
	end loop;

	data := '{"schema":' || to_json(TG_TABLE_SCHEMA::text)::text || ',"table":' || to_json(TG_TABLE_NAME::text)::text
		|| ',"old":' || coalesce(rows_json[1], 'null') || ',"new":' || coalesce(rows_json[2], 'null');
	payload := '{"specversion":"1.0","id":"' || event_id::text || '","source":' || to_json(TG_ARGV[1])::text
		|| ',"type":"' || event_type || '","datacontenttype":"application/json","subject":'
		|| to_json(TG_TABLE_NAME::text)::text || ',"time":"' || time_text || '","project":"'
		|| TG_ARGV[0]::uuid::text || '","data":';
	if octet_length(payload) + octet_length(data) + 2 > TG_ARGV[2]::bigint then
		data := '{"schema":' || to_json(TG_TABLE_SCHEMA::text)::text || ',"table":' || to_json(TG_TABLE_NAME::text)::text
			|| ',"old":null,"new":null,"truncated":true';
	end if;
	payload := payload || data || '}}';

	insert into ${flyway:defaultSchema}.event_outbox (id, type, payload) values (event_id, event_type, payload);
	return null;
end
$$;

revoke all on function emit_row_event() from public;
