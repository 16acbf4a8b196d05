-- Secure email change, as in Supabase: a change of address applies once both the current
-- and the new address have confirmed it. On by default, for existing projects too.

alter table auth_settings add column secure_email_change boolean not null default true;

-- The half of a secure email change mailed to the current address.
alter table one_time_tokens drop constraint one_time_tokens_purpose_check;
alter table one_time_tokens add constraint one_time_tokens_purpose_check
    check (purpose in ('signup', 'recovery', 'magiclink', 'email_change', 'email_change_current'));

-- The change an email change token confirms: the request, shared by the tokens of its
-- halves; the address it changes (none for a user without one), which must still be the
-- user's for the change to apply; and the new address.
alter table one_time_tokens
    add column email_change_id uuid,
    add column email_change_from text,
    add column email_change_to text;

-- Changes asked for before this migration were confirmed by the new address alone and
-- carry on so, from the address the user has now. Spent tokens get the same values, so
-- that the constraint below holds; they are never redeemed.
update one_time_tokens t
set email_change_id = t.id, email_change_from = u.email, email_change_to = t.email
from users u
where u.id = t.user_id and t.purpose = 'email_change';

alter table one_time_tokens add constraint one_time_tokens_email_change check (
    (purpose in ('email_change', 'email_change_current')) = (email_change_id is not null and email_change_to is not null));
create index one_time_tokens_email_change on one_time_tokens (email_change_id) where email_change_id is not null;
