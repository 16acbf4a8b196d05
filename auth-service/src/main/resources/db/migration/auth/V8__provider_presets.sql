-- Sign-in provider presets: Google (OpenID Connect at a known issuer), GitHub (OAuth 2.0
-- and its API, no ID token) and Apple (OpenID Connect with a signed JWT as client secret).
-- A preset's base URLs come from the service's settings, so they are not stored.

alter table oidc_providers add column type text not null default 'oidc';
alter table oidc_providers alter column type drop default;
alter table oidc_providers alter column issuer drop not null;
alter table oidc_providers alter column client_secret_ciphertext drop not null;
-- Apple: the developer's team and key ids, and the ES256 key that signs client secrets,
-- encrypted with the master key like the client secret.
alter table oidc_providers add column team_id text;
alter table oidc_providers add column key_id text;
alter table oidc_providers add column private_key_ciphertext bytea;

alter table oidc_providers add constraint oidc_providers_credentials check (
    (type = 'oidc' and issuer is not null and client_secret_ciphertext is not null)
    or (type in ('google', 'github') and issuer is null and client_secret_ciphertext is not null)
    or (type = 'apple' and issuer is null and team_id is not null and key_id is not null
        and private_key_ciphertext is not null));
