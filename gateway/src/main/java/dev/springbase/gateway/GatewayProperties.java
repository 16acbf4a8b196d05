package dev.springbase.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches the services and guards them.
 *
 * @param services where each service listens
 * @param proxy the connections the gateway keeps to the services
 * @param rateLimit request budgets per API key and per client address
 * @param trustForwardedHeaders whether the client address is taken from
 * {@code X-Forwarded-For} (only behind a proxy that sets it) instead of the socket
 * @param keylessPaths service paths that need no API key, such as the JWKS, the console
 * sign-in and signed storage URLs, whose signature is the credential
 */
@Validated
@ConfigurationProperties("springbase.gateway")
public record GatewayProperties(@Valid @DefaultValue Services services, @Valid @DefaultValue Proxy proxy,
		@Valid @DefaultValue RateLimit rateLimit, @DefaultValue("false") boolean trustForwardedHeaders, @DefaultValue( {
				"/auth/v1/.well-known/**", "/auth/v1/console/login", "/storage/v1/object/signed/**",
				"/storage/v1/object/upload/signed/**" }) List<String> keylessPaths){

	/**
	 * Base URLs of the services; each serves its API under its own prefix, so paths are
	 * forwarded unchanged.
	 */
	public record Services(@DefaultValue("http://localhost:8081") URI auth,
			@DefaultValue("http://localhost:8082") URI storage, @DefaultValue("http://localhost:8083") URI functions,
			@DefaultValue("http://localhost:8084") URI notifications) {

		public URI of(Service service) {
			return switch (service) {
				case AUTH -> this.auth;
				case STORAGE -> this.storage;
				case FUNCTIONS -> this.functions;
				case NOTIFICATIONS -> this.notifications;
			};
		}

	}

	/**
	 * @param connectionsPerService how many requests the gateway has in flight to one
	 * service at most; further ones wait for a connection
	 * @param idleConnectionTimeout how long an unused connection is kept open, shorter
	 * than the services' own keep-alive timeout
	 */
	public record Proxy(@DefaultValue("512") @Positive int connectionsPerService,
			@DefaultValue("10s") @NotNull Duration idleConnectionTimeout) {

	}

	/**
	 * @param enabled whether requests are counted at all
	 * @param perKey the budget of one API key, shared by every client using it
	 * @param perIp the budget of one client address
	 * @param redisUrl a Redis URL ({@code redis://host:6379}) so that several gateway
	 * instances share one budget; in memory per instance when empty
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @Valid @NotNull Limit perKey,
			@Valid @NotNull Limit perIp, @Nullable String redisUrl) {

		public boolean sharedInRedis() {
			return StringUtils.hasText(this.redisUrl);
		}

	}

	/**
	 * A token bucket: {@code capacity} requests, refilled in full every {@code period}.
	 */
	public record Limit(@Positive long capacity, @NotNull Duration period) {

	}

	/** The services behind the gateway, each under {@code /<name>/v1}. */
	public enum Service {

		AUTH, STORAGE, FUNCTIONS, NOTIFICATIONS;

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

		public String prefix() {
			return "/" + id() + "/v1";
		}

	}

}
