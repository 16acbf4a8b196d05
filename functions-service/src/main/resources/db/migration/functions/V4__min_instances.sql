-- How many workers a function keeps started even when idle (its warm instances). It is
-- never more than max_concurrency, which the service checks on every change.
alter table functions add column min_instances integer not null default 0 check (min_instances >= 0);
