package dev.springbase.platform.crypto;

/**
 * A secret in the database does not decrypt with this service's master key: the database
 * was set up with another key (another checkout's data directory, or another
 * {@code SPRINGBASE_MASTER_KEY}). No request can fix that, only the configuration, so the
 * message says which key was used and what to set instead.
 */
public class MasterKeyMismatch extends IllegalStateException {

	private final String description;

	private final String action;

	private MasterKeyMismatch(String description, String action, Throwable cause) {
		super(description + " " + action, cause);
		this.description = description;
		this.action = action;
	}

	static MasterKeyMismatch decrypting(String secret, String keySource, String settings, Throwable cause) {
		return new MasterKeyMismatch(
				"The " + secret + " in the database was encrypted with another master key than " + keySource + ".",
				"Start the service with the master key the database was created with (set " + settings
						+ ".master-key / SPRINGBASE_MASTER_KEY to it, or put that master-key.json in " + settings
						+ ".data-dir), or point it at an empty database.",
				cause);
	}

	/** Which secret does not decrypt with which key. */
	public String getDescription() {
		return this.description;
	}

	/** What an operator does about it: set the right key, or use an empty database. */
	public String getAction() {
		return this.action;
	}

}
