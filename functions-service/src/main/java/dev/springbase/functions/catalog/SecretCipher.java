package dev.springbase.functions.catalog;

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

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.springbase.functions.config.FunctionsProperties;

/**
 * Encrypts function secrets at rest with the master keyset (Tink AEAD), the same key and
 * key file the auth service uses. The function id and secret name are the associated
 * data, so a ciphertext copied onto another row does not decrypt.
 */
class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	static final String FILE_NAME = "master-key.json";

	private final Aead aead;

	SecretCipher(Aead aead) {
		this.aead = aead;
	}

	static SecretCipher from(FunctionsProperties properties) {
		try {
			AeadConfig.register();
			KeysetHandle keyset = keyset(properties);
			return new SecretCipher(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The master key is not a valid Tink AEAD keyset in JSON form; fix "
					+ "springbase.functions.master-key (SPRINGBASE_MASTER_KEY) or the file under springbase.functions.data-dir",
					ex);
		}
	}

	byte[] encrypt(byte[] plaintext, String ownerId) {
		try {
			return this.aead.encrypt(plaintext, ownerId.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt the secret of " + ownerId, ex);
		}
	}

	byte[] decrypt(byte[] ciphertext, String ownerId) {
		try {
			return this.aead.decrypt(ciphertext, ownerId.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"Could not decrypt the secret of " + ownerId + "; was the master key changed since it was created?",
					ex);
		}
	}

	private static KeysetHandle keyset(FunctionsProperties properties) throws GeneralSecurityException {
		String configured = properties.masterKey();
		if (configured != null && !configured.isBlank()) {
			return TinkJsonProtoKeysetFormat.parseKeyset(configured, InsecureSecretKeyAccess.get());
		}
		Path file = properties.dataDir().resolve(FILE_NAME).toAbsolutePath();
		try {
			if (Files.exists(file)) {
				log.warn("Using the master key in {}; set SPRINGBASE_MASTER_KEY in production and keep it elsewhere",
						file);
				return read(file);
			}
			return generate(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Could not read or write the master key file " + file
							+ "; set springbase.functions.data-dir to a writable directory or SPRINGBASE_MASTER_KEY",
					ex);
		}
	}

	private static KeysetHandle generate(Path file) throws GeneralSecurityException, IOException {
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
				No master key configured (springbase.functions.master-key / SPRINGBASE_MASTER_KEY).
				Generated one and stored it in {}
				Secrets are encrypted with it: losing it makes them unreadable.
				For production set SPRINGBASE_MASTER_KEY to a Tink AEAD keyset and keep it safe.
				********************************************************************************""", file);
		return keyset;
	}

	private static KeysetHandle read(Path file) throws GeneralSecurityException, IOException {
		return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file, StandardCharsets.UTF_8),
				InsecureSecretKeyAccess.get());
	}

}
