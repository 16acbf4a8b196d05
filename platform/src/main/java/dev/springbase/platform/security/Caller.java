package dev.springbase.platform.security;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.springbase.platform.errors.ApiException;

/**
 * Who is calling, as proven by a verified platform JWT. Controllers take it as a
 * parameter; services check the project before touching any data.
 *
 * @param kind what the subject is
 * @param subject user id, API key id, console account id or function id
 * @param projectId the project the token is bound to, absent for console accounts
 * @param role the role within the project, or {@code account} for console accounts
 * @param token the verified token, to pass on to other services
 */
public record Caller(Kind kind, String subject, @Nullable UUID projectId, String role, Jwt token) {

	public static final String ROLE_ANON = "anon";

	public static final String ROLE_AUTHENTICATED = "authenticated";

	public static final String ROLE_SERVICE = "service_role";

	public static final String ROLE_ACCOUNT = "account";

	public enum Kind {

		USER, API_KEY, ACCOUNT,

		/**
		 * A deployed function, with a token the auth service minted for the functions
		 * service: {@code service_role} in the function's project, like a secret key.
		 */
		FUNCTION;

		public String claimValue() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Kind fromClaim(@Nullable String value) {
			if (value == null) {
				throw new IllegalArgumentException("token has no kind claim");
			}
			return valueOf(value.toUpperCase(Locale.ROOT));
		}

	}

	/**
	 * The caller of the current request, from the verified token in the security context.
	 * @throws ApiException 401 {@code auth.unauthenticated} without a token,
	 * {@code auth.invalid_token} for a token that is no platform token
	 */
	public static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			try {
				return from(jwt);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.unauthorized("auth.invalid_token", "The token is not a Springbase platform token.");
			}
		}
		throw ApiException.unauthorized("auth.unauthenticated", "Sign in or send an API key.");
	}

	public static Caller from(Jwt jwt) {
		Kind kind = Kind.fromClaim(jwt.getClaimAsString(PlatformClaims.KIND));
		String project = jwt.getClaimAsString(PlatformClaims.PROJECT);
		String role = jwt.getClaimAsString(PlatformClaims.ROLE);
		if (kind != Kind.ACCOUNT && project == null) {
			throw new IllegalArgumentException("project token has no project claim");
		}
		return new Caller(kind, jwt.getSubject(), (project != null) ? UUID.fromString(project) : null,
				(role != null) ? role : ROLE_ANON, jwt);
	}

	public boolean isAccount() {
		return this.kind == Kind.ACCOUNT;
	}

	/** A console account of a platform administrator, who may see every project. */
	public boolean isPlatformAdmin() {
		return isAccount() && Boolean.TRUE.equals(this.token.getClaimAsBoolean("admin"));
	}

	/** A secret key (or a token minted for one): full access within its project. */
	public boolean isServiceRole() {
		return ROLE_SERVICE.equals(this.role);
	}

	/**
	 * The project of a project-bound caller; console accounts have none and are refused.
	 */
	public UUID requireProject() {
		if (this.projectId == null) {
			throw ApiException.forbidden("auth.project_required",
					"This endpoint needs a project API key or a project user token.");
		}
		return this.projectId;
	}

	/**
	 * Refuses a project-bound caller that asks for another project's resource. The answer
	 * is 404, as if the resource did not exist, so ids of other projects leak nothing.
	 */
	public void checkProject(UUID projectId) {
		if (this.projectId != null && !this.projectId.equals(projectId)) {
			throw ApiException.notFound("project.not_found", "No project " + projectId + " is visible to you.");
		}
	}

}
