package dev.springbase.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets at rest (private signing keys, TOTP and OIDC client secrets, function
 * secrets) with the master keyset (Tink AEAD): the configured one, or else the one in
 * {@code master-key.json} of the data directory, generated on first use and shared by
 * every service pointed at that directory. The owning record's id is the associated data,
 * so a ciphertext copied onto another row does not decrypt.
 */
public final class MasterKey {

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	static final String FILE_NAME = "master-key.json";

	private final Aead aead;

	/** Where the key came from, as a mismatch names it. */
	private final String source;

	private final String settings;

	private MasterKey(Aead aead, String source, String settings) {
		this.aead = aead;
		this.source = source;
		this.settings = settings;
	}

	/**
	 * @param configured the keyset as Tink JSON, when set
	 * @param dataDir where the generated keyset is kept otherwise
	 * @param settings the service's property prefix (e.g. {@code springbase.auth}), named
	 * in error messages
	 */
	public static MasterKey load(@Nullable String configured, Path dataDir, String settings) {
		try {
			AeadConfig.register();
			KeysetHandle keyset = keyset(configured, dataDir, settings);
			String source = isSet(configured) ? "the one set in " + settings + ".master-key (SPRINGBASE_MASTER_KEY)"
					: "the one in " + file(dataDir);
			return new MasterKey(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class), source, settings);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The master key is not a valid Tink AEAD keyset in JSON form; fix "
					+ settings + ".master-key (SPRINGBASE_MASTER_KEY) or the file under " + settings + ".data-dir", ex);
		}
	}

	public byte[] encrypt(byte[] plaintext, String ownerId) {
		try {
			return this.aead.encrypt(plaintext, ownerId.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt the secret of " + ownerId, ex);
		}
	}

	/**
	 * Decrypts a secret this service stored.
	 * @param secret what the secret is, as an operator would recognise it (e.g.
	 * {@code signing key <kid>})
	 * @throws MasterKeyMismatch when it was encrypted with another master key
	 */
	public byte[] decrypt(byte[] ciphertext, String ownerId, String secret) {
		try {
			return this.aead.decrypt(ciphertext, ownerId.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw MasterKeyMismatch.decrypting(secret, this.source, this.settings, ex);
		}
	}

	/**
	 * Decrypts what may have been made by someone without the key: empty when it does not
	 * decrypt, instead of the failure {@link #decrypt} reports for a stored secret.
	 */
	public Optional<byte[]> decryptIfAuthentic(byte[] ciphertext, String ownerId) {
		try {
			return Optional.of(this.aead.decrypt(ciphertext, ownerId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			return Optional.empty();
		}
	}

	private static KeysetHandle keyset(@Nullable String configured, Path dataDir, String settings)
			throws GeneralSecurityException {
		if (isSet(configured)) {
			return TinkJsonProtoKeysetFormat.parseKeyset(configured, InsecureSecretKeyAccess.get());
		}
		Path file = file(dataDir);
		try {
			if (Files.exists(file)) {
				log.warn("Using the master key in {}; set SPRINGBASE_MASTER_KEY in production and keep it elsewhere",
						file);
				return read(file);
			}
			return generate(file, settings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or write the master key file " + file + "; set " + settings
					+ ".data-dir to a writable directory or SPRINGBASE_MASTER_KEY", ex);
		}
	}

	private static boolean isSet(@Nullable String configured) {
		return configured != null && !configured.isBlank();
	}

	private static Path file(Path dataDir) {
		return dataDir.resolve(FILE_NAME).toAbsolutePath();
	}

	private static KeysetHandle generate(Path file, String settings) throws GeneralSecurityException, IOException {
		KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
		Files.createDirectories(file.getParent());
		try {
			Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
		}
		catch (FileAlreadyExistsException ex) {
			// Another instance sharing the directory won the race: use its key.
			return read(file);
		}
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		log.warn("""

				********************************************************************************
				No master key configured ({}.master-key / SPRINGBASE_MASTER_KEY).
				Generated one and stored it in {}
				Secrets are encrypted with it: losing it makes them unreadable.
				For production set SPRINGBASE_MASTER_KEY to a Tink AEAD keyset and keep it safe.
				********************************************************************************""", settings, file);
		return keyset;
	}

	private static KeysetHandle read(Path file) throws GeneralSecurityException, IOException {
		return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file, StandardCharsets.UTF_8),
				InsecureSecretKeyAccess.get());
	}

}
