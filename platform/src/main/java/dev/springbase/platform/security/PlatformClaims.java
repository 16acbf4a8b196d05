package dev.springbase.platform.security;

/**
 * Claim names of platform JWTs. Every token that reaches a service is signed by the auth
 * service and says who is calling ({@code sub}, {@code kind}), for which project and with
 * which role.
 */
public final class PlatformClaims {

	/** The project the token is bound to; absent on console account tokens. */
	public static final String PROJECT = "project";

	/**
	 * {@code anon}, {@code authenticated} or {@code service_role}; {@code account} for
	 * console accounts.
	 */
	public static final String ROLE = "role";

	/**
	 * What the subject is: {@code user}, {@code api_key}, {@code account} or
	 * {@code function}.
	 */
	public static final String KIND = "kind";

	/**
	 * The authentication assurance level of a user token: {@code aal1} after one factor,
	 * {@code aal2} after a second.
	 */
	public static final String AAL = "aal";

	private PlatformClaims() {
	}

}
