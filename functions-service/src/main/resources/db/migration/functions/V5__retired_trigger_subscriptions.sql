-- Triggers deleted whose event subscription (functions.trigger.<id>) may still exist on the
-- event backbone. A row is written in the transaction that deletes the trigger and removed
-- once the subscription is gone, so a crash between the two leaves a row to finish the work
-- rather than a subscription that collects events for ever.
create table retired_trigger_subscriptions (
	trigger_id uuid primary key,
	retired_at timestamptz not null default now()
);
