package dev.springbase.auth.oidc;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

import dev.springbase.auth.projects.ProjectAccess;
import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.security.Caller;

/** A project's sign-in providers, managed by a secret key or a console developer. */
@Service
class OidcProviderService {

	private final OidcRepository providers;

	private final ProjectAccess access;

	private final MasterKey masterKey;

	private final ProviderPresets presets;

	OidcProviderService(OidcRepository providers, ProjectAccess access, MasterKey masterKey, ProviderPresets presets) {
		this.providers = providers;
		this.access = access;
		this.masterKey = masterKey;
		this.presets = presets;
	}

	/**
	 * Adds or replaces a provider, after checking that its settings fit its type: nothing
	 * is stored when they do not.
	 */
	@Transactional
	ProviderView save(Caller caller, @Nullable UUID projectId, String name, ProviderRequest request) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		ProviderType type = ProviderType.of(request.type());
		type.check(request.given());
		if (type == ProviderType.APPLE) {
			AppleClientSecret.parse(Objects.requireNonNull(request.privateKey()));
		}
		Optional<OidcProvider> existing = this.providers.findByName(project, name);
		if (existing.isPresent() && existing.get().type() != type) {
			throw OidcException.typeChanged(name, existing.get().type());
		}
		UUID id = existing.map(OidcProvider::id).orElseGet(Ids::newId);
		Instant now = Timestamps.now();
		String scopes = StringUtils.hasText(request.scopes()) ? request.scopes() : type.defaultScopes();
		OidcProvider provider = new OidcProvider(id, project, name, type,
				(type == ProviderType.OIDC) ? Objects.requireNonNull(request.issuer()).strip() : null,
				request.clientId().strip(), encrypt(request.clientSecret(), clientSecretContext(id)), request.teamId(),
				request.keyId(), encrypt(request.privateKey(), privateKeyContext(id)), scopes, now, now);
		return view(this.providers.save(provider));
	}

	@Transactional(readOnly = true)
	List<ProviderView> list(Caller caller, @Nullable UUID projectId) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		return this.providers.list(project).stream().map(this::view).toList();
	}

	@Transactional
	void delete(Caller caller, @Nullable UUID projectId, String name) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		if (!this.providers.delete(project, name)) {
			throw OidcException.providerNotFound(name);
		}
	}

	String clientSecret(OidcProvider provider) {
		return decrypt(Objects.requireNonNull(provider.clientSecretCiphertext()), clientSecretContext(provider.id()),
				"client secret of sign-in provider " + provider.name());
	}

	/** Apple's signing key, checked when it was saved. */
	ECPrivateKey privateKey(OidcProvider provider) {
		return AppleClientSecret.parse(decrypt(Objects.requireNonNull(provider.privateKeyCiphertext()),
				privateKeyContext(provider.id()), "private key of sign-in provider " + provider.name()));
	}

	private ProviderView view(OidcProvider provider) {
		return ProviderView.of(provider, this.presets.issuer(provider));
	}

	private byte @Nullable [] encrypt(@Nullable String value, String context) {
		return StringUtils.hasText(value) ? this.masterKey.encrypt(value.getBytes(StandardCharsets.UTF_8), context)
				: null;
	}

	private String decrypt(byte[] ciphertext, String context, String secret) {
		return new String(this.masterKey.decrypt(ciphertext, context, secret), StandardCharsets.UTF_8);
	}

	/** The provider id, as before there were private keys. */
	private static String clientSecretContext(UUID id) {
		return id.toString();
	}

	/** Bound to the column too, so that one ciphertext cannot stand in for the other. */
	private static String privateKeyContext(UUID id) {
		return id + "/private-key";
	}

}
