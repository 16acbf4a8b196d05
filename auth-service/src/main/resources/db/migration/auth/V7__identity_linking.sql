-- A sign-in started by a signed-in user links the provider identity to that user (an
-- anonymous user becomes permanent and keeps its id).
alter table oidc_flows add column link_user_id uuid references users (id) on delete cascade;
