package dev.springbase.auth.sessions;

/** Claims that end users' access tokens carry besides the platform ones. */
public final class UserClaims {

	/** The session the token belongs to. */
	public static final String SESSION_ID = "session_id";

	/** Authenticator assurance level: {@code aal1} after one factor. */
	public static final String AAL = "aal";

	public static final String EMAIL = "email";

	public static final String IS_ANONYMOUS = "is_anonymous";

	/** The user's app metadata, set by admins only, for authorisation rules. */
	public static final String APP_METADATA = "app_metadata";

	private UserClaims() {
	}

}
