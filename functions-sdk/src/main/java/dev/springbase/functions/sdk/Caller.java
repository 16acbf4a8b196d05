package dev.springbase.functions.sdk;

/**
 * Who called the function, as the platform verified it.
 *
 * @param kind {@code user} for a signed-in end user, {@code api_key} for a publishable or
 * secret key without a user, {@code account} for a console account, {@code function} for
 * a function calling with its own token
 * @param subject the user id, API key id, account id or function id
 * @param role {@code authenticated}, {@code anon}, {@code service_role} or
 * {@code account}
 */
public record Caller(String kind, String subject, String role) {

	/** A signed-in end user of the project. */
	public boolean isUser() {
		return "user".equals(this.kind);
	}

}
