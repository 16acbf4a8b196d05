package dev.springbase.auth;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.springbase.platform.crypto.MasterKeyMismatch;
import dev.springbase.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Starts the service on a database whose signing keys another master key encrypted, as
 * when a second checkout, or a misconfigured deployment, reuses a database.
 */
@ExtendWith(OutputCaptureExtension.class)
class MasterKeyMismatchTests {

	@Test
	void refusesToStartWithAPlainMessageWhenTheSigningKeysWereEncryptedWithAnotherKey(@TempDir Path creatorData,
			@TempDir Path otherData, CapturedOutput output) {
		PostgresServer.Database database = PostgresServer.get().createDatabase("MasterKeyMismatchTests");
		try {
			start(database, creatorData).close();

			Throwable failure = catchThrowable(() -> start(database, otherData).close());

			MasterKeyMismatch mismatch = mismatchIn(failure);
			assertThat(mismatch.getDescription()).startsWith("The private signing key ")
				.endsWith(" in the database was encrypted with another master key than the one in "
						+ otherData.resolve("master-key.json").toAbsolutePath() + ".");
			assertThat(mismatch.getAction()).contains("springbase.auth.master-key / SPRINGBASE_MASTER_KEY",
					"springbase.auth.data-dir", "an empty database");
			assertThat(output.getAll()).contains("APPLICATION FAILED TO START", mismatch.getDescription(),
					mismatch.getAction());
			assertThat(output.getAll()).as("no stack trace about decryption")
				.doesNotContain("decryption failed", "AEADBadTagException");
		}
		finally {
			database.drop();
		}
	}

	private static MasterKeyMismatch mismatchIn(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MasterKeyMismatch mismatch) {
				return mismatch;
			}
		}
		throw new AssertionError("The start-up did not fail on the master key", failure);
	}

	private static ConfigurableApplicationContext start(PostgresServer.Database database, Path dataDir) {
		return new SpringApplicationBuilder(AuthApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--springbase.auth.data-dir=" + dataDir);
	}

}
