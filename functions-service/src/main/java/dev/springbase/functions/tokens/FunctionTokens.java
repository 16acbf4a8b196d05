package dev.springbase.functions.tokens;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.platform.crypto.FunctionTokenProof;
import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.jdbc.Timestamps;

/**
 * The token each function reaches its project's storage (and other services) with: a
 * platform token of kind {@code function}, {@code service_role} in the function's
 * project, which the auth service mints against a {@link FunctionTokenProof} made with
 * the master key. A token is kept per function and handed to every invocation while it
 * outlasts the invocation's timeout, so the auth service is asked about once per function
 * every token lifetime, not per invocation.
 */
@Component
public class FunctionTokens {

	private static final Logger log = LoggerFactory.getLogger(FunctionTokens.class);

	/** Slack for the clocks of this machine and the services the token is shown to. */
	private static final Duration MARGIN = Duration.ofSeconds(30);

	private final RestClient auth;

	private final MasterKey masterKey;

	private final Map<UUID, MintedToken> tokens = new ConcurrentHashMap<>();

	FunctionTokens(FunctionsProperties properties, MasterKey masterKey) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(Duration.ofSeconds(5));
		this.auth = RestClient.builder().requestFactory(requests).baseUrl(properties.authUrl().toString()).build();
		this.masterKey = masterKey;
	}

	/**
	 * A token of the function that stays valid for {@code timeout} (the longest the
	 * invocation may run); null when the auth service cannot give one, so the invocation
	 * still runs and only its calls to other services fail.
	 */
	public @Nullable String tokenFor(UUID projectId, UUID functionId, Duration timeout) {
		Instant now = Timestamps.now();
		Instant neededUntil = now.plus(timeout).plus(MARGIN);
		AtomicBoolean minted = new AtomicBoolean();
		try {
			String token = this.tokens.compute(functionId, (id, cached) -> {
				if (cached != null && cached.projectId().equals(projectId) && cached.expiresAt().isAfter(neededUntil)) {
					return cached;
				}
				minted.set(true);
				return mint(projectId, functionId);
			}).value();
			if (minted.get()) {
				// Tokens of functions deleted or no longer invoked go once expired.
				this.tokens.values().removeIf((cached) -> cached.expiresAt().isBefore(now));
			}
			return token;
		}
		catch (RestClientResponseException ex) {
			log.warn("The auth service refused a token for function {} of project {}: {} {}", functionId, projectId,
					ex.getStatusCode().value(), ex.getResponseBodyAsString());
		}
		catch (RestClientException ex) {
			log.warn("The auth service could not be asked for a token for function {}: {}", functionId,
					ex.getMessage());
		}
		return null;
	}

	private MintedToken mint(UUID projectId, UUID functionId) {
		String proof = new FunctionTokenProof(projectId, functionId, Timestamps.now()).seal(this.masterKey);
		MintedToken minted = this.auth.post()
			.uri("/internal/function-tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new MintRequest(projectId, functionId, proof))
			.retrieve()
			.body(MintResponse.class)
			.toToken(projectId);
		log.debug("Got a token for function {} until {}", functionId, minted.expiresAt());
		return minted;
	}

	record MintRequest(UUID projectId, UUID functionId, String proof) {

	}

	record MintResponse(String token, Instant expiresAt) {

		MintedToken toToken(UUID projectId) {
			return new MintedToken(projectId, this.token, this.expiresAt);
		}

	}

	private record MintedToken(UUID projectId, String value, Instant expiresAt) {

	}

}
