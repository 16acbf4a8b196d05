package dev.springbase.auth.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
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
 * @param settings how projects' auth settings are cached
 * @param apiKeys how API key use is recorded
 * @param sessions how end-user sessions and refresh tokens behave
 * @param protection throttling of sign-in, sign-up and code attempts
 * @param mail mails to end users
 * @param mfa multi-factor sign-in
 * @param passwords how passwords are hashed
 * @param passkeys passkey ceremonies
 * @param providers sign-in with external providers
 */
@Validated
@ConfigurationProperties("springbase.auth")
public record AuthProperties(@DefaultValue Bootstrap bootstrap, @Nullable String masterKey,
		@DefaultValue("./.springbase") Path dataDir, @DefaultValue Tokens tokens, @DefaultValue SigningKeys signingKeys,
		@DefaultValue Settings settings, @DefaultValue ApiKeys apiKeys, @DefaultValue Sessions sessions,
		@DefaultValue Protection protection, @DefaultValue Mail mail, @DefaultValue Mfa mfa,
		@DefaultValue @Valid Passwords passwords, @DefaultValue Passkeys passkeys, @DefaultValue Providers providers) {

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
	 * @param userTtl lifetime of end users' access tokens; sessions live on through
	 * refresh tokens
	 * @param functionTtl lifetime of the tokens minted for deployed functions: longer
	 * than the longest function timeout (15 minutes by default), so that a token handed
	 * over at the start of an invocation lasts until its end
	 */
	public record Tokens(@DefaultValue("1h") Duration accountTtl, @DefaultValue("5m") Duration apiKeyTtl,
			@DefaultValue("15m") Duration userTtl, @DefaultValue("20m") Duration functionTtl) {

		/** The longest lifetime of any token this service signs. */
		public Duration longest() {
			return Collections.max(List.of(this.accountTtl, this.apiKeyTtl, this.userTtl, this.functionTtl));
		}

	}

	/**
	 * @param refreshInterval how long an instance trusts its cached signer and verifying
	 * keys before it looks at the database again (other instances may have rotated)
	 */
	public record SigningKeys(@DefaultValue("10s") Duration refreshInterval) {

	}

	/**
	 * @param refreshInterval how long an instance trusts a project's auth settings it
	 * read before it reads them again: a change made through this instance applies at
	 * once, one made through another instance within this interval
	 */
	public record Settings(@DefaultValue("10s") Duration refreshInterval) {

	}

	/**
	 * @param lastUsedResolution how stale {@code lastUsedAt} may get: it is written at
	 * most once per this interval per key, never on every request
	 */
	public record ApiKeys(@DefaultValue("1m") Duration lastUsedResolution) {

	}

	/**
	 * @param inactivityTimeout a session whose refresh token was not used for this long
	 * is over
	 * @param reuseGrace how long the refresh token a session just rotated away from is
	 * answered with a plain refusal instead of revoking the session: two requests racing
	 * with the same token (two tabs, a retry) are not an attack
	 */
	public record Sessions(@DefaultValue("30d") Duration inactivityTimeout, @DefaultValue("10s") Duration reuseGrace) {

	}

	/**
	 * @param concurrentHashes how many password hashes (sign-in checks, new passwords)
	 * run at once; further ones wait. 0, the default, means one per available processor:
	 * a hash keeps a core busy and holds its Argon2id memory on the heap while it runs,
	 * so more at once only add memory pressure
	 * @param argon2 the cost of new Argon2id hashes
	 */
	public record Passwords(@DefaultValue("0") @PositiveOrZero int concurrentHashes,
			@DefaultValue @Valid Argon2 argon2) {

		/** The number of hashes that may run at once on this machine. */
		public int concurrentHashesOrCores() {
			return (this.concurrentHashes > 0) ? this.concurrentHashes : Runtime.getRuntime().availableProcessors();
		}

	}

	/**
	 * What a new Argon2id hash costs (one lane). The defaults are OWASP's minimum (19
	 * MiB, two passes). Hashes made with less memory or fewer passes still verify and are
	 * made again with these settings on the user's next successful sign-in, so raising
	 * them rolls out over time.
	 *
	 * @param memory memory per hash, whole KiB, at least 8 KiB
	 * @param iterations passes over that memory
	 */
	public record Argon2(@DefaultValue("19MB") DataSize memory, @DefaultValue("2") @Positive int iterations) {

		public Argon2 {
			if (memory.toKilobytes() < 8 || memory.toBytes() % 1024 != 0) {
				throw new IllegalArgumentException(
						"springbase.auth.passwords.argon2.memory must be whole KiB, at least 8KB, not " + memory);
			}
		}

		/** Memory per hash in KiB, as Argon2 counts it. */
		public int memoryKib() {
			return Math.toIntExact(this.memory.toKilobytes());
		}

	}

	/**
	 * @param challengeTtl how long the options of a registration or sign-in (their
	 * challenge) can be answered; also the timeout the browser is given
	 */
	public record Passkeys(@DefaultValue("5m") Duration challengeTtl) {

	}

	/**
	 * @param flowTtl how long a sign-in started at a provider (its state) can be finished
	 */
	public record Providers(@DefaultValue("10m") Duration flowTtl) {

	}

	/**
	 * @param issuer the name authenticator apps show next to a TOTP factor
	 */
	public record Mfa(@DefaultValue("Springbase") String issuer) {

	}

	/**
	 * @param defaultSender the From address of projects that set none
	 * @param defaultSiteUrl where links in mails point for projects that set no site URL
	 * @param codeTtl how long a mailed link or code works
	 */
	public record Mail(@DefaultValue("no-reply@springbase.local") String defaultSender,
			@DefaultValue("http://localhost:3000") String defaultSiteUrl, @DefaultValue("1h") Duration codeTtl) {

	}

	/**
	 * @param account throttling per project and email address
	 * @param address throttling per client address (application.yml allows more free
	 * attempts here: many users may share one address)
	 */
	public record Protection(@DefaultValue Throttle account, @DefaultValue Throttle address) {

	}

	/**
	 * Growing delays: after {@code freeAttempts} within {@code window}, each further
	 * attempt doubles the wait, starting at {@code firstDelay}, up to {@code maxDelay}.
	 *
	 * @param freeAttempts attempts that cost no delay
	 * @param firstDelay the first delay once they are used up
	 * @param maxDelay the longest delay
	 * @param window how long attempts are remembered after the last one
	 */
	public record Throttle(@DefaultValue("5") int freeAttempts, @DefaultValue("1s") Duration firstDelay,
			@DefaultValue("15m") Duration maxDelay, @DefaultValue("1h") Duration window) {

	}

}
