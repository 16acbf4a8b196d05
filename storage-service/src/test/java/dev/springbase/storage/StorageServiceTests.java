package dev.springbase.storage;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.springbase.testsupport.AuthStandIn;
import dev.springbase.testsupport.FreshDatabase;

/**
 * Runs the storage service on a random port against its own fresh database, with a
 * stand-in auth service for tokens and console roles. Each test works in projects of its
 * own, so tests of one class do not see each other's buckets.
 */
@FreshDatabase
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class StorageServiceTests {

	/** Shared by every test class of this JVM; it stops with it. */
	protected static final AuthStandIn auth = new AuthStandIn();

	@TempDir
	protected static Path dataDir;

	@LocalServerPort
	protected int port;

	protected StorageClient api;

	protected UUID project;

	protected String secret;

	@DynamicPropertySource
	static void storageProperties(DynamicPropertyRegistry registry) {
		registry.add("springbase.security.jwks-uri", auth::jwksUri);
		registry.add("springbase.storage.auth-url", auth::url);
		registry.add("springbase.storage.data-dir", () -> dataDir.toString());
		registry.add("springbase.storage.signing.secret", () -> "test-signing-secret-of-enough-length");
	}

	@BeforeEach
	void newProject() {
		this.api = new StorageClient("http://localhost:" + this.port);
		this.project = UUID.randomUUID();
		this.secret = auth.secretKeyToken(this.project);
	}

	protected static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	protected static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
