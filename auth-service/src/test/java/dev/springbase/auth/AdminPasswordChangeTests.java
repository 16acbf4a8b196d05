package dev.springbase.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * An admin who sets a user's password does not lock the user's row while the password is
 * hashed, which takes tens of milliseconds and longer when other hashes hold the cores:
 * the user's sign-ins and other changes would wait for it. The test holds the hash of one
 * marked password until it has tried to lock the row itself.
 */
@Import(AdminPasswordChangeTests.HeldHashes.class)
class AdminPasswordChangeTests extends AuthServiceTests {

	private static final String HELD = "held until released: ";

	private static final CountDownLatch hashing = new CountDownLatch(1);

	private static final CountDownLatch release = new CountDownLatch(1);

	@Autowired
	DataSource dataSource;

	@Test
	void anAdminSettingAPasswordHoldsNoLockOnTheUserWhileHashingIt() throws Exception {
		EndUsers users = EndUsers.newProject(this.api, "admin-hash-owner@test.local");
		UUID userId = UUID.fromString(EndUsers.userId(users.newUser("hashed@example.com")));
		String password = HELD + EndUsers.PASSWORD;

		CompletableFuture<Reply> answer = CompletableFuture
			.supplyAsync(() -> users.admin(HttpMethod.PATCH, "/users/" + userId, Map.of("password", password)));
		try {
			assertThat(hashing.await(20, TimeUnit.SECONDS)).as("the hash started").isTrue();
			assertThatNoException().as("locking the user's row during the hash").isThrownBy(() -> lockNow(userId));
		}
		finally {
			release.countDown();
		}

		Reply updated = answer.get(20, TimeUnit.SECONDS);
		assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
		assertThat(users.signIn("hashed@example.com", password).status()).isEqualTo(200);
		assertThat(users.signIn("hashed@example.com", EndUsers.PASSWORD).status()).isEqualTo(401);
	}

	/** Locks the row, failing at once if another transaction holds it. */
	private void lockNow(UUID userId) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement lock = connection
				.prepareStatement("select id from users where id = ? for update nowait")) {
				lock.setObject(1, userId);
				lock.executeQuery().close();
			}
			finally {
				connection.rollback();
			}
		}
	}

	/** Wraps the service's own encoder: a marked password's hash waits for the test. */
	@TestConfiguration(proxyBeanMethods = false)
	static class HeldHashes {

		@Bean
		static BeanPostProcessor holdMarkedHashes() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof PasswordEncoder encoder) ? new HeldEncoder(encoder) : bean;
				}
			};
		}

	}

	private record HeldEncoder(PasswordEncoder delegate) implements PasswordEncoder {

		@Override
		public @Nullable String encode(@Nullable CharSequence rawPassword) {
			if (rawPassword != null && rawPassword.toString().startsWith(HELD)) {
				hashing.countDown();
				try {
					release.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return this.delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
			return this.delegate.matches(rawPassword, encodedPassword);
		}

		@Override
		public boolean upgradeEncoding(@Nullable String encodedPassword) {
			return this.delegate.upgradeEncoding(encodedPassword);
		}

	}

}
