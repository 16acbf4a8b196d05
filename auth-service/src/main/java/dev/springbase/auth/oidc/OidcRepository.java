package dev.springbase.auth.oidc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;

@Repository
class OidcRepository {

	private final JdbcClient jdbc;

	OidcRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds the provider, or replaces the one of the same name. */
	OidcProvider save(OidcProvider provider) {
		return this.jdbc.sql("""
				insert into oidc_providers (id, project_id, name, type, issuer, client_id, client_secret_ciphertext,
				  team_id, key_id, private_key_ciphertext, scopes, created_at, updated_at)
				values (:id, :projectId, :name, :type, :issuer, :clientId, :secret, :teamId, :keyId, :privateKey,
				  :scopes, :createdAt, :updatedAt)
				on conflict (project_id, name) do update set type = excluded.type, issuer = excluded.issuer,
				  client_id = excluded.client_id, client_secret_ciphertext = excluded.client_secret_ciphertext,
				  team_id = excluded.team_id, key_id = excluded.key_id,
				  private_key_ciphertext = excluded.private_key_ciphertext, scopes = excluded.scopes,
				  updated_at = excluded.updated_at
				returning *""")
			.param("id", provider.id())
			.param("projectId", provider.projectId())
			.param("name", provider.name())
			.param("type", provider.type().value())
			.param("issuer", provider.issuer())
			.param("clientId", provider.clientId())
			.param("secret", provider.clientSecretCiphertext())
			.param("teamId", provider.teamId())
			.param("keyId", provider.keyId())
			.param("privateKey", provider.privateKeyCiphertext())
			.param("scopes", provider.scopes())
			.param("createdAt", Timestamps.toSql(provider.createdAt()))
			.param("updatedAt", Timestamps.toSql(provider.updatedAt()))
			.query(OidcRepository::map)
			.single();
	}

	Optional<OidcProvider> findByName(UUID projectId, String name) {
		return this.jdbc.sql("select * from oidc_providers where project_id = :projectId and name = :name")
			.param("projectId", projectId)
			.param("name", name)
			.query(OidcRepository::map)
			.optional();
	}

	Optional<OidcProvider> find(UUID id) {
		return this.jdbc.sql("select * from oidc_providers where id = :id")
			.param("id", id)
			.query(OidcRepository::map)
			.optional();
	}

	List<OidcProvider> list(UUID projectId) {
		return this.jdbc.sql("select * from oidc_providers where project_id = :projectId order by name")
			.param("projectId", projectId)
			.query(OidcRepository::map)
			.list();
	}

	boolean delete(UUID projectId, String name) {
		return this.jdbc.sql("delete from oidc_providers where project_id = :projectId and name = :name")
			.param("projectId", projectId)
			.param("name", name)
			.update() == 1;
	}

	void insertFlow(byte[] stateHash, UUID projectId, UUID providerId, String codeVerifier, String nonce,
			String redirectUri, @Nullable UUID linkUserId, Instant expiresAt) {
		this.jdbc.sql("""
				insert into oidc_flows (state_hash, project_id, provider_id, code_verifier, nonce, redirect_uri,
				    link_user_id, expires_at)
				values (:stateHash, :projectId, :providerId, :codeVerifier, :nonce, :redirectUri, :linkUserId,
				    :expiresAt)""")
			.param("linkUserId", linkUserId)
			.param("stateHash", stateHash)
			.param("projectId", projectId)
			.param("providerId", providerId)
			.param("codeVerifier", codeVerifier)
			.param("nonce", nonce)
			.param("redirectUri", redirectUri)
			.param("expiresAt", Timestamps.toSql(expiresAt))
			.update();
	}

	/** Uses the flow up, if it is this project's, unused and unexpired. */
	Optional<Flow> takeFlow(byte[] stateHash, UUID projectId, Instant now) {
		return this.jdbc.sql("""
				update oidc_flows set used_at = :now
				where state_hash = :stateHash and project_id = :projectId and used_at is null and expires_at > :now
				returning provider_id, code_verifier, nonce, redirect_uri, link_user_id""")
			.param("stateHash", stateHash)
			.param("projectId", projectId)
			.param("now", Timestamps.toSql(now))
			.query((rs, row) -> new Flow(rs.getObject("provider_id", UUID.class), rs.getString("code_verifier"),
					rs.getString("nonce"), rs.getString("redirect_uri"), rs.getObject("link_user_id", UUID.class)))
			.optional();
	}

	private static OidcProvider map(ResultSet rs, int row) throws SQLException {
		return new OidcProvider(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
				rs.getString("name"), ProviderType.of(rs.getString("type")), rs.getString("issuer"),
				rs.getString("client_id"), rs.getBytes("client_secret_ciphertext"), rs.getString("team_id"),
				rs.getString("key_id"), rs.getBytes("private_key_ciphertext"), rs.getString("scopes"),
				Timestamps.readRequired(rs, "created_at"), Timestamps.readRequired(rs, "updated_at"));
	}

	/**
	 * @param linkUserId the signed-in user who started the flow to link the identity
	 */
	record Flow(UUID providerId, String codeVerifier, String nonce, String redirectUri, @Nullable UUID linkUserId) {

	}

}
