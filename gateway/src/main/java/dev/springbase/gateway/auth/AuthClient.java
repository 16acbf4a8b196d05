package dev.springbase.gateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.springbase.gateway.GatewayProperties;

/**
 * Calls the auth service's internal endpoints. Timeouts are short: a request waits on
 * these calls, and a slow auth service must turn into a quick 503, not a pile-up.
 */
@Component
public class AuthClient {

	private static final Logger log = LoggerFactory.getLogger(AuthClient.class);

	private static final HttpClientSettings TIMEOUTS = HttpClientSettings.defaults()
		.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

	private final RestClient client;

	AuthClient(RestClient.Builder builder, ClientHttpRequestFactoryBuilder<?> requestFactories,
			GatewayProperties properties) {
		this.client = builder.baseUrl(properties.services().auth())
			.requestFactory(requestFactories.build(TIMEOUTS))
			.build();
	}

	/**
	 * The key's project, role and token; empty when the auth service does not know the
	 * key or it has been revoked.
	 * @throws AuthUnavailable when the auth service cannot answer
	 */
	public Optional<ResolvedKey> resolveKey(String key) {
		try {
			return this.client.post()
				.uri("/internal/api-keys/resolve")
				.contentType(MediaType.APPLICATION_JSON)
				.body(new ResolveRequest(key))
				.exchange((request, response) -> {
					if (response.getStatusCode().is2xxSuccessful()) {
						ResolvedKey resolved = response.bodyTo(ResolvedKey.class);
						if (resolved == null) {
							throw unavailable("answered a key resolution without a body");
						}
						return Optional.of(resolved);
					}
					if (response.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)
							|| response.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
						return Optional.empty();
					}
					throw unavailable("answered " + response.getStatusCode().value() + " to a key resolution");
				});
		}
		catch (RestClientException ex) {
			throw unavailable(ex.getMessage());
		}
	}

	/**
	 * Every origin that at least one project accepts.
	 * @throws AuthUnavailable when the auth service cannot answer
	 */
	public Set<String> allowedOrigins() {
		try {
			AllowedOrigins answer = this.client.get()
				.uri("/internal/cors/allowed-origins")
				.retrieve()
				.body(AllowedOrigins.class);
			if (answer == null) {
				throw unavailable("answered the allowed origins without a body");
			}
			return Set.copyOf(answer.origins());
		}
		catch (RestClientException ex) {
			throw unavailable(ex.getMessage());
		}
	}

	private static AuthUnavailable unavailable(@Nullable String reason) {
		log.warn("Auth service unavailable: {}", reason);
		return AuthUnavailable.cannotVerify();
	}

	record ResolveRequest(String key) {

	}

	record AllowedOrigins(List<String> origins) {

		AllowedOrigins {
			origins = List.copyOf(Objects.requireNonNullElse(origins, List.of()));
		}

	}

}
