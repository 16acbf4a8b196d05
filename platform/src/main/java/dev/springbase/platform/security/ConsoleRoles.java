package dev.springbase.platform.security;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.web.PageRequest;

/**
 * Asks the auth service, which owns memberships, for a console account's role in a
 * project. The account's own token is passed on, so the auth service applies its own
 * rules: a project the account cannot see answers 404 there and here. Refusals carry the
 * asking service's codes ({@code <service>.project_not_found},
 * {@code <service>.auth_unavailable}).
 */
public class ConsoleRoles {

	/** What a console account may do in a project. */
	public enum Role {

		OWNER, DEVELOPER, VIEWER;

		/** Owners and developers change things; viewers only read. */
		public boolean canChange() {
			return this != VIEWER;
		}

	}

	/**
	 * The project a request works in and, for a console account, the account's role
	 * there.
	 */
	public record Scope(UUID projectId, @Nullable Role consoleRole) {

	}

	/** The header in which console calls name the project they work on. */
	public static final String PROJECT_HEADER = "X-Project-Id";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final BigInteger UUID_SPACE = BigInteger.ONE.shiftLeft(128);

	/**
	 * How long an answer is reused: a removed member or changed role takes effect within
	 * this time, as a revoked API key does at the gateway.
	 */
	static final Duration CACHE_TIME = Duration.ofSeconds(5);

	private final RestClient auth;

	private final String service;

	/** (account, project) to the role, or to empty when the account cannot see it. */
	private final Cache<List<UUID>, Optional<Role>> roles;

	/**
	 * @param authUrl the auth service
	 * @param service the asking service, the first part of its problem codes
	 */
	public ConsoleRoles(URI authUrl, String service) {
		this(authUrl, service, CACHE_TIME);
	}

	ConsoleRoles(URI authUrl, String service, Duration cacheTime) {
		this.roles = Caffeine.newBuilder().expireAfterWrite(cacheTime).maximumSize(10_000).build();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(Duration.ofSeconds(5));
		this.auth = RestClient.builder().requestFactory(requests).baseUrl(authUrl.toString()).build();
		this.service = service;
	}

	/**
	 * The account's role in the project; platform admins who are no member count as
	 * owners.
	 * @throws ApiException 404 when the account cannot see the project, 503 when the auth
	 * service does not answer
	 */
	public Role roleOf(Caller account, UUID projectId) {
		UUID accountId = UUID.fromString(account.subject());
		return this.roles.get(List.of(accountId, projectId), (key) -> lookUp(account, accountId, projectId))
			.orElseThrow(() -> projectNotVisible(projectId));
	}

	private Optional<Role> lookUp(Caller account, UUID accountId, UUID projectId) {
		Map<String, Object> page;
		try {
			page = fetchOwnEntry(account, projectId, accountId);
		}
		catch (ResourceAccessException ex) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, this.service + ".auth_unavailable",
					"Console roles cannot be checked right now; try again shortly.");
		}
		if (page == null) {
			return Optional.empty();
		}
		String role = ownRole(page, accountId);
		if (role != null) {
			return Optional.of(Role.valueOf(role.toUpperCase(Locale.ROOT)));
		}
		return account.isPlatformAdmin() ? Optional.of(Role.OWNER) : Optional.empty();
	}

	/**
	 * The project a request works in: the one a console account names in
	 * {@link #PROJECT_HEADER}, with the account's role there; for a project's keys and
	 * user tokens their own project, which a named one must match.
	 * @throws ApiException 400 {@code <service>.project_required} for a console call that
	 * names no project, 404 for a project the caller cannot see
	 */
	public Scope scopeOf(Caller caller, @Nullable String projectHeader) {
		UUID named = namedProject(projectHeader);
		if (caller.isAccount()) {
			if (named == null) {
				throw ApiException.badRequest(this.service + ".project_required",
						"Console calls must name the project in the " + PROJECT_HEADER + " header.");
			}
			return new Scope(named, roleOf(caller, named));
		}
		UUID project = caller.requireProject();
		if (named != null && !named.equals(project)) {
			throw projectNotVisible(named);
		}
		return new Scope(project, null);
	}

	/**
	 * The project a request names in {@link #PROJECT_HEADER}, if any.
	 * @throws ApiException 400 {@code <service>.invalid_project_id} for a value that is
	 * no project id
	 */
	public @Nullable UUID namedProject(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(header.strip());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badRequest(this.service + ".invalid_project_id",
					PROJECT_HEADER + " must be a project id (a UUID).");
		}
	}

	/**
	 * A project the caller cannot see: 404, as if it did not exist, so ids leak nothing.
	 */
	public ApiException projectNotVisible(UUID projectId) {
		return ApiException.notFound(this.service + ".project_not_found",
				"No project " + projectId + " is visible to you.");
	}

	/**
	 * Reads the one member entry of this account, or null when the project is not visible
	 * to it: members are listed in account id order after the cursor, so a cursor just
	 * below the account's id yields its own entry first.
	 */
	private @Nullable Map<String, Object> fetchOwnEntry(Caller account, UUID projectId, UUID accountId) {
		return this.auth.get()
			.uri("/auth/v1/projects/{project}/members?limit=1&cursor={cursor}", projectId,
					PageRequest.cursorOf(predecessor(accountId)))
			.headers((headers) -> headers.setBearerAuth(account.token().getTokenValue()))
			.exchange((request, response) -> {
				if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
						|| response.getStatusCode().value() == HttpStatus.FORBIDDEN.value()) {
					return null;
				}
				if (!response.getStatusCode().is2xxSuccessful()) {
					throw new IllegalStateException(
							"The auth service answered " + response.getStatusCode() + " for a member lookup");
				}
				return response.bodyTo(JSON);
			});
	}

	private static @Nullable String ownRole(Map<String, Object> page, UUID accountId) {
		if (!(page.get("items") instanceof List<?> items) || items.isEmpty()) {
			return null;
		}
		if (items.getFirst() instanceof Map<?, ?> member && accountId.toString().equals(member.get("accountId"))) {
			return String.valueOf(member.get("role"));
		}
		return null;
	}

	static UUID predecessor(UUID id) {
		BigInteger value = new BigInteger(1, toBytes(id)).subtract(BigInteger.ONE).mod(UUID_SPACE);
		BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
		return new UUID(value.shiftRight(64).longValue(), value.and(mask).longValue());
	}

	private static byte[] toBytes(UUID id) {
		return ByteBuffer.allocate(16)
			.putLong(id.getMostSignificantBits())
			.putLong(id.getLeastSignificantBits())
			.array();
	}

}
