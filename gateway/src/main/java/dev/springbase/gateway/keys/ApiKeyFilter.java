package dev.springbase.gateway.keys;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.springbase.gateway.GatewayProperties;
import dev.springbase.gateway.auth.ResolvedKey;
import dev.springbase.gateway.cors.CorsPolicy;
import dev.springbase.gateway.cors.OriginNotAllowed;
import dev.springbase.gateway.ratelimit.RateLimiter;
import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.PlatformClaims;

/**
 * Turns the {@code apikey} header into a platform token before a request reaches a
 * service, so that no service has to trust a bare header: the key is resolved through the
 * auth service, its project must accept the browser origin, its budget must allow the
 * request, and the service receives {@code Authorization: Bearer} with the user's own
 * token (verified, and of the key's project) or else the key's token.
 * <p>
 * Without a key, only the keyless paths (JWKS, console sign-in) and console accounts,
 * whose verified token is forwarded as is, get through.
 */
@Component
public class ApiKeyFilter implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private static final String HEADER = "apikey";

	private static final String AAL2 = "aal2";

	private static final PathPattern AUTH_PATHS = PathPatternParser.defaultInstance.parse("/auth/v1/**");

	private final ApiKeys apiKeys;

	private final BearerTokens bearerTokens;

	private final RateLimiter rateLimiter;

	private final List<PathPattern> keylessPaths;

	ApiKeyFilter(ApiKeys apiKeys, BearerTokens bearerTokens, RateLimiter rateLimiter, GatewayProperties properties) {
		this.apiKeys = apiKeys;
		this.bearerTokens = bearerTokens;
		this.rateLimiter = rateLimiter;
		this.keylessPaths = properties.keylessPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		String key = header(request, HEADER);
		String authorization = header(request, HttpHeaders.AUTHORIZATION);
		if (key == null) {
			checkKeyless(request, authorization);
			return next.handle(request);
		}
		ResolvedKey resolved = this.apiKeys.resolve(key);
		approveOrigin(request, resolved);
		this.rateLimiter.checkKey(resolved.keyId());
		String token = (authorization != null) ? userToken(request, authorization, resolved) : resolved.token();
		return next.handle(ServerRequest.from(request).headers((headers) -> {
			headers.remove(HEADER);
			headers.setBearerAuth(token);
		}).build());
	}

	private void checkKeyless(ServerRequest request, @Nullable String authorization) {
		PathContainer path = request.requestPath().pathWithinApplication();
		if (this.keylessPaths.stream().anyMatch((pattern) -> pattern.matches(path))) {
			return;
		}
		if (authorization != null && BearerTokens.isAccount(this.bearerTokens.verify(authorization))) {
			return;
		}
		throw KeyRejected.missing();
	}

	private static void approveOrigin(ServerRequest request, ResolvedKey key) {
		String origin = header(request, HttpHeaders.ORIGIN);
		if (origin == null) {
			return;
		}
		if (!key.allowsOrigin(origin)) {
			throw OriginNotAllowed.forProject(origin);
		}
		request.servletRequest().setAttribute(CorsPolicy.APPROVED_ORIGIN, origin);
	}

	private String userToken(ServerRequest request, String authorization, ResolvedKey key) {
		Jwt token = this.bearerTokens.verify(authorization);
		if (!key.projectId().equals(projectOf(token))) {
			throw KeyRejected.tokenProjectMismatch();
		}
		if (key.mfaRequired() && !AAL2.equals(token.getClaimAsString(PlatformClaims.AAL))
				&& !AUTH_PATHS.matches(request.requestPath().pathWithinApplication())) {
			// The auth service enforces it itself, and lets such users reach their
			// factors.
			throw ApiException.forbidden("gateway.mfa_required",
					"This project requires a second factor: verify one with the auth API for a token at aal2.");
		}
		return token.getTokenValue();
	}

	private static @Nullable UUID projectOf(Jwt token) {
		String project = token.getClaimAsString(PlatformClaims.PROJECT);
		try {
			return (project != null) ? UUID.fromString(project) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable String header(ServerRequest request, String name) {
		String value = request.headers().firstHeader(name);
		return StringUtils.hasText(value) ? value.trim() : null;
	}

}
