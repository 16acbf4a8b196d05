package dev.springbase.platform.jdbc;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseDefaultsTests {

	@Test
	void givesEveryPooledConnectionALockTimeout() {
		assertThat(connectionOptions(Map.of())).isEqualTo("-c lock_timeout=10000");
		assertThat(connectionOptions(Map.of(DatabaseDefaults.LOCK_TIMEOUT, "750ms"))).isEqualTo("-c lock_timeout=750");
	}

	@Test
	void leavesExplicitConnectionOptionsAlone() {
		assertThat(connectionOptions(Map.of(DatabaseDefaults.CONNECTION_OPTIONS, "-c lock_timeout=0")))
			.isEqualTo("-c lock_timeout=0");
	}

	@Test
	void quietsTheLogOfFailedRollbacksUnlessSetExplicitly() {
		String templateLevel = "logging.level.org.springframework.transaction.support.TransactionTemplate";
		assertThat(DatabaseDefaults.ROLLBACK_LOGGERS).hasSize(2)
			.allSatisfy((logger) -> assertThat(processed(Map.of()).getProperty("logging.level." + logger))
				.isEqualTo("off"));
		assertThat(processed(Map.of(templateLevel, "error")).getProperty(templateLevel)).isEqualTo("error");
	}

	private static String connectionOptions(Map<String, Object> settings) {
		return processed(settings).getProperty(DatabaseDefaults.CONNECTION_OPTIONS);
	}

	private static StandardEnvironment processed(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
		new DatabaseDefaults().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
