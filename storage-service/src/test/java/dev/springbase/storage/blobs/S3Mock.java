package dev.springbase.storage.blobs;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.adobe.testing.s3mock.S3MockApplication;

/**
 * Adobe S3Mock in this JVM, on a random port. It is a Spring Boot application of its own;
 * Springbase's auto-configurations (database, security) are kept out of it.
 */
public final class S3Mock {

	private final S3MockApplication application;

	private S3Mock(S3MockApplication application) {
		this.application = application;
	}

	/**
	 * Settings go in as command line arguments: they must win over the storage service's
	 * own application.yml (its fixed port, for one), which S3Mock reads too.
	 */
	public static S3Mock start(Path root) {
		String excluded = String.join(",", "dev.springbase.platform.web.PlatformWebAutoConfiguration",
				"dev.springbase.platform.security.PlatformSecurityAutoConfiguration",
				"dev.springbase.platform.idempotency.PlatformIdempotencyAutoConfiguration",
				"dev.springbase.platform.events.PlatformEventsAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration");
		// S3Mock removes the entries it consumes, so the map must be mutable.
		return new S3Mock(S3MockApplication.start(new HashMap<>(Map.of(S3MockApplication.PROP_SILENT, true)),
				"--server.port=0", "--http.port=0", "--com.adobe.testing.s3mock.store.root=" + root,
				"--spring.autoconfigure.exclude=" + excluded));
	}

	public String url() {
		return "http://127.0.0.1:" + this.application.getHttpPort();
	}

	public void stop() {
		this.application.stop();
	}

}
