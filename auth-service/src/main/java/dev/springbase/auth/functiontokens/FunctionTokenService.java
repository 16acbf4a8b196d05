package dev.springbase.auth.functiontokens;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.auth.projects.ProjectAccess;
import dev.springbase.auth.signingkeys.TokenIssuer;
import dev.springbase.auth.signingkeys.TokenIssuer.IssuedToken;
import dev.springbase.platform.crypto.FunctionTokenProof;
import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.security.PlatformClaims;

/**
 * Mints the token a deployed function reaches its project's storage (and other services)
 * with: kind {@code function}, the function as subject, {@code service_role} in its
 * project. The functions service asks for it with a {@link FunctionTokenProof}, which
 * only a holder of the master key can make.
 */
@Service
class FunctionTokenService {

	private final MasterKey masterKey;

	private final ProjectAccess projects;

	private final TokenIssuer tokens;

	private final Duration ttl;

	FunctionTokenService(MasterKey masterKey, ProjectAccess projects, TokenIssuer tokens, AuthProperties properties) {
		this.masterKey = masterKey;
		this.projects = projects;
		this.tokens = tokens;
		this.ttl = properties.tokens().functionTtl();
	}

	IssuedToken mint(UUID projectId, UUID functionId, @Nullable String proof) {
		if (proof == null || proof.isBlank()) {
			throw FunctionTokenException.proofMissing();
		}
		FunctionTokenProof opened = FunctionTokenProof.open(this.masterKey, proof)
			.orElseThrow(FunctionTokenException::proofInvalid);
		if (!opened.projectId().equals(projectId) || !opened.functionId().equals(functionId)) {
			throw FunctionTokenException.proofMismatch();
		}
		if (!opened.isFreshAt(Timestamps.now())) {
			throw FunctionTokenException.proofExpired();
		}
		this.projects.requireExists(projectId);
		return this.tokens.issue(
				functionId.toString(), Map.of(PlatformClaims.KIND, Caller.Kind.FUNCTION.claimValue(),
						PlatformClaims.PROJECT, projectId.toString(), PlatformClaims.ROLE, Caller.ROLE_SERVICE),
				this.ttl);
	}

}
