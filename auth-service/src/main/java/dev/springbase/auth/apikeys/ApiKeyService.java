package dev.springbase.auth.apikeys;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.auth.apikeys.ApiKeyRepository.ResolvedKey;
import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.projects.ProjectAccess;
import dev.springbase.auth.projects.ProjectAccess.Action;
import dev.springbase.auth.signingkeys.TokenIssuer;
import dev.springbase.auth.signingkeys.TokenIssuer.IssuedToken;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.security.PlatformClaims;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

@Service
class ApiKeyService {

	private final ApiKeyRepository keys;

	private final ProjectAccess access;

	private final TokenIssuer tokens;

	private final Duration tokenTtl;

	private final Duration lastUsedResolution;

	ApiKeyService(ApiKeyRepository keys, ProjectAccess access, TokenIssuer tokens, AuthProperties properties) {
		this.keys = keys;
		this.access = access;
		this.tokens = tokens;
		this.tokenTtl = properties.tokens().apiKeyTtl();
		this.lastUsedResolution = properties.apiKeys().lastUsedResolution();
	}

	/** Creates a key; the returned plaintext is the only copy there will ever be. */
	@Transactional
	CreatedKey create(Caller caller, UUID projectId, String name, ApiKeyType type) {
		this.access.require(caller, projectId, Action.WRITE);
		String random = ApiKeySecrets.randomPart();
		String plaintext = type.keyPrefix() + random;
		ApiKey key = new ApiKey(Ids.newId(), projectId, name.strip(), type,
				random.substring(0, ApiKeySecrets.PREFIX_LENGTH), Timestamps.now(), null, null);
		this.keys.insert(key, ApiKeySecrets.hash(plaintext));
		return new CreatedKey(key, plaintext);
	}

	@Transactional(readOnly = true)
	CursorPage<ApiKey> list(Caller caller, UUID projectId, PageRequest page) {
		this.access.require(caller, projectId, Action.READ);
		return CursorPage.of(this.keys.page(projectId, page), page.limit(), (key) -> PageRequest.cursorOf(key.id()));
	}

	@Transactional
	void revoke(Caller caller, UUID projectId, UUID keyId) {
		this.access.require(caller, projectId, Action.WRITE);
		this.keys.find(projectId, keyId).orElseThrow(() -> ApiKeyException.notFound(keyId));
		this.keys.revoke(keyId, Timestamps.now());
	}

	/**
	 * Exchanges a key for a short-lived platform token. Holding the key is the
	 * credential.
	 */
	@Transactional
	Resolution resolve(String plaintext) {
		ResolvedKey resolved = this.keys.findLiveByHash(ApiKeySecrets.hash(plaintext))
			.orElseThrow(ApiKeyException::invalidApiKey);
		ApiKey key = resolved.key();
		Instant now = Timestamps.now();
		Instant staleBefore = now.minus(this.lastUsedResolution);
		if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(staleBefore)) {
			this.keys.touch(key.id(), now, staleBefore);
		}
		IssuedToken token = this.tokens.issue(
				key.id().toString(), Map.of(PlatformClaims.KIND, Caller.Kind.API_KEY.claimValue(),
						PlatformClaims.PROJECT, key.projectId().toString(), PlatformClaims.ROLE, key.type().role()),
				this.tokenTtl);
		return new Resolution(resolved, token);
	}

	record CreatedKey(ApiKey key, String plaintext) {

	}

	record Resolution(ResolvedKey resolved, IssuedToken token) {

	}

}
