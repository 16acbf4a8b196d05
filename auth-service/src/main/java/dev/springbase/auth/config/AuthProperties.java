package dev.springbase.auth.config;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the auth service.
 *
 * @param bootstrap the first platform admin, created when no account exists yet
 * @param masterKey the Tink JSON keyset (AEAD) that encrypts signing keys at rest; when
 * absent one is generated once under {@code dataDir}
 * @param dataDir where local state (the generated master key) is kept
 * @param tokens lifetimes of the tokens this service issues
 * @param signingKeys how signing keys are cached
 * @param apiKeys how API key use is recorded
 */
@Validated
@ConfigurationProperties("springbase.auth")
public record AuthProperties(@DefaultValue Bootstrap bootstrap, @Nullable String masterKey,
		@DefaultValue("./.springbase") Path dataDir, @DefaultValue Tokens tokens, @DefaultValue SigningKeys signingKeys,
		@DefaultValue ApiKeys apiKeys) {

	/**
	 * @param adminEmail email of the first admin
	 * @param adminPassword its password; when absent a strong one is generated and logged
	 * once
	 */
	public record Bootstrap(@DefaultValue("admin@springbase.local") String adminEmail, @Nullable String adminPassword) {

	}

	/**
	 * @param accountTtl lifetime of console account tokens
	 * @param apiKeyTtl lifetime of tokens minted for API keys
	 */
	public record Tokens(@DefaultValue("1h") Duration accountTtl, @DefaultValue("5m") Duration apiKeyTtl) {

		/** The longest lifetime of any token this service signs. */
		public Duration longest() {
			return (this.accountTtl.compareTo(this.apiKeyTtl) >= 0) ? this.accountTtl : this.apiKeyTtl;
		}

	}

	/**
	 * @param refreshInterval how long an instance trusts its cached signer and verifying
	 * keys before it looks at the database again (other instances may have rotated)
	 */
	public record SigningKeys(@DefaultValue("10s") Duration refreshInterval) {

	}

	/**
	 * @param lastUsedResolution how stale {@code lastUsedAt} may get: it is written at
	 * most once per this interval per key, never on every request
	 */
	public record ApiKeys(@DefaultValue("1m") Duration lastUsedResolution) {

	}

}
