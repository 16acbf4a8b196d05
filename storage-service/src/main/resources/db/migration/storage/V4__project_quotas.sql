-- A project's own limits, set by platform admins; null means the configured default.
alter table project_usage add column max_bytes bigint, add column max_objects bigint;
