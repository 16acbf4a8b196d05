package dev.springbase.auth.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.auth.projects.ProjectAccess;
import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.security.Caller;

/** A project's sign-in providers, managed by a secret key or a console developer. */
@Service
class OidcProviderService {

	static final String DEFAULT_SCOPES = "openid email profile";

	private final OidcRepository providers;

	private final ProjectAccess access;

	private final MasterKey masterKey;

	OidcProviderService(OidcRepository providers, ProjectAccess access, MasterKey masterKey) {
		this.providers = providers;
		this.access = access;
		this.masterKey = masterKey;
	}

	@Transactional
	ProviderView save(Caller caller, @Nullable UUID projectId, String name, String issuer, String clientId,
			String clientSecret, @Nullable String scopes) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		Instant now = Timestamps.now();
		UUID id = this.providers.findByName(project, name).map(OidcProvider::id).orElseGet(Ids::newId);
		byte[] secret = this.masterKey.encrypt(clientSecret.getBytes(StandardCharsets.UTF_8), id.toString());
		return ProviderView.of(this.providers.save(new OidcProvider(id, project, name, issuer.strip(), clientId, secret,
				(scopes != null) ? scopes : DEFAULT_SCOPES, now, now)));
	}

	@Transactional(readOnly = true)
	List<ProviderView> list(Caller caller, @Nullable UUID projectId) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		return this.providers.list(project).stream().map(ProviderView::of).toList();
	}

	@Transactional
	void delete(Caller caller, @Nullable UUID projectId, String name) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		if (!this.providers.delete(project, name)) {
			throw OidcException.providerNotFound(name);
		}
	}

	String clientSecret(OidcProvider provider) {
		return new String(this.masterKey.decrypt(provider.clientSecretCiphertext(), provider.id().toString()),
				StandardCharsets.UTF_8);
	}

}
