package dev.springbase.auth.functiontokens;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.signingkeys.TokenIssuer.IssuedToken;

/**
 * Internal: the functions service gets the token of one of its functions here. Not under
 * the API prefix, so the gateway never routes it; open to the network like key
 * resolution, because the proof in the body is the credential.
 */
@RestController
class FunctionTokenController {

	private final FunctionTokenService tokens;

	FunctionTokenController(FunctionTokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping("/internal/function-tokens")
	FunctionTokenResponse mint(@Valid @RequestBody FunctionTokenRequest request) {
		IssuedToken token = this.tokens.mint(request.projectId(), request.functionId(), request.proof());
		return new FunctionTokenResponse(token.value(), token.expiresAt());
	}

	record FunctionTokenRequest(@NotNull UUID projectId, @NotNull UUID functionId,
			@Nullable @Size(max = 1000) String proof) {

	}

	record FunctionTokenResponse(String token, Instant expiresAt) {

	}

}
