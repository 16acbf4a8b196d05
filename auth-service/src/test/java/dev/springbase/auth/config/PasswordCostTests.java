package dev.springbase.auth.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordCostTests {

	private static final String PASSWORD = "correct horse battery staple";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AuthConfiguration.class);

	@Test
	void hashesNewPasswordsWithOwaspsMinimumByDefault() {
		this.runner.run((context) -> {
			PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
			String hash = encoder.encode(PASSWORD);
			assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
			assertThat(encoder.matches(PASSWORD, hash)).isTrue();
			assertThat(encoder.upgradeEncoding(hash)).isFalse();
			// Spring Security's defaults, which new hashes had before: made again on
			// sign-in.
			String older = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
			assertThat(encoder.matches(PASSWORD, older)).isTrue();
			assertThat(encoder.upgradeEncoding(older)).isTrue();
		});
	}

	@Test
	void hashesWithTheConfiguredCost() {
		this.runner
			.withPropertyValues("springbase.auth.passwords.argon2.memory=24MB",
					"springbase.auth.passwords.argon2.iterations=3")
			.run((context) -> {
				PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
				String hash = encoder.encode(PASSWORD);
				assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=24576,t=3,p=1$");
				// Fewer passes over more memory is still a lower cost to roll forward.
				String fewerPasses = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 32 * 1024, 2).encode(PASSWORD);
				assertThat(encoder.upgradeEncoding(fewerPasses)).isTrue();
				assertThat(encoder.upgradeEncoding(hash)).isFalse();
			});
	}

	@Test
	void refusesToStartWithMemoryArgon2CannotUse() {
		this.runner.withPropertyValues("springbase.auth.passwords.argon2.memory=4KB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("springbase.auth.passwords.argon2.memory must be whole KiB, at least 8KB"));
		this.runner.withPropertyValues("springbase.auth.passwords.argon2.iterations=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("passwords.argon2.iterations"));
		this.runner.withPropertyValues("springbase.auth.passwords.concurrent-hashes=-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("passwords.concurrentHashes"));
	}

}
