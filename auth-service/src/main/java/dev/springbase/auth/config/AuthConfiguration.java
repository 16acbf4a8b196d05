package dev.springbase.auth.config;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthConfiguration {

	private static final String DEFAULT_ENCODER = "argon2";

	/**
	 * What passkey challenges and provider sign-ins are timed against, so that tests can
	 * move it past their lifetime instead of waiting it out.
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Delegating, so stored hashes name their algorithm ({@code {argon2}...}): new
	 * passwords get Argon2id, hashes made with bcrypt (or imported with scrypt or PBKDF2)
	 * still verify, and the user service re-hashes them with Argon2id on the next
	 * successful sign-in, as it does Argon2id hashes made with a lower cost than the
	 * configured one. At most {@code passwords.concurrentHashes} hashes run at once, on
	 * threads of their own.
	 */
	@Bean
	BoundedPasswordEncoder passwordEncoder(AuthProperties properties) {
		return new BoundedPasswordEncoder(new DelegatingPasswordEncoder(DEFAULT_ENCODER,
				Map.of(DEFAULT_ENCODER, argon2(properties.passwords().argon2()), "bcrypt", new BCryptPasswordEncoder(),
						"scrypt", SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8(), "pbkdf2@SpringSecurity_v5_8",
						Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8())),
				properties.passwords().concurrentHashesOrCores());
	}

	/** Spring Security's salt and hash lengths, one lane, the configured cost. */
	private static Argon2PasswordEncoder argon2(AuthProperties.Argon2 settings) {
		return new Argon2PasswordEncoder(16, 32, 1, settings.memoryKib(), settings.iterations());
	}

}
