package dev.springbase.functions.access;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.PageRequest;

/**
 * Asks the auth service, which owns memberships, for a console account's role in a
 * project. The account's own token is passed on, so the auth service applies its own
 * rules: a project the account cannot see answers 404 there and here.
 */
class ProjectRoles {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final BigInteger UUID_SPACE = BigInteger.ONE.shiftLeft(128);

	private final RestClient auth;

	ProjectRoles(RestClient auth) {
		this.auth = auth;
	}

	Requester.Level levelOf(Caller account, UUID projectId) {
		String role = roleOf(account, projectId);
		if ("owner".equals(role) || "developer".equals(role)) {
			return Requester.Level.ADMIN;
		}
		return Requester.Level.VIEWER;
	}

	/**
	 * Reads the one member entry of this account: members are listed in account id order
	 * after the cursor, so a cursor just below the account's id yields its own entry
	 * first.
	 */
	private String roleOf(Caller account, UUID projectId) {
		UUID accountId = UUID.fromString(account.subject());
		Map<String, Object> page;
		try {
			page = fetchOwnEntry(account, projectId, accountId);
		}
		catch (ResourceAccessException ex) {
			throw unreachable();
		}
		String role = ownRole(page, accountId);
		if (role != null) {
			return role;
		}
		if (Boolean.TRUE.equals(account.token().getClaimAsBoolean("admin"))) {
			return "owner";
		}
		throw ProjectNotVisible.of(projectId);
	}

	private @Nullable Map<String, Object> fetchOwnEntry(Caller account, UUID projectId, UUID accountId) {
		return this.auth.get()
			.uri("/auth/v1/projects/{project}/members?limit=1&cursor={cursor}", projectId,
					PageRequest.cursorOf(predecessor(accountId)))
			.headers((headers) -> headers.setBearerAuth(account.token().getTokenValue()))
			.exchange((request, response) -> {
				if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
						|| response.getStatusCode().value() == HttpStatus.FORBIDDEN.value()) {
					throw ProjectNotVisible.of(projectId);
				}
				if (!response.getStatusCode().is2xxSuccessful()) {
					throw new IllegalStateException(
							"The auth service answered " + response.getStatusCode() + " for a member lookup");
				}
				return response.bodyTo(JSON);
			});
	}

	private static @Nullable String ownRole(@Nullable Map<String, Object> page, UUID accountId) {
		if (page == null || !(page.get("items") instanceof List<?> items) || items.isEmpty()) {
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

	private static ApiException unreachable() {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "functions.auth_unavailable",
				"Console roles cannot be checked right now; try again shortly.");
	}

}
