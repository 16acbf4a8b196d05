package dev.springbase.auth;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Talks to a running auth service over real HTTP, as clients do. */
final class TestApi {

	static final String ADMIN_EMAIL = "admin@test.local";

	static final String ADMIN_PASSWORD = "admin-password-1234";

	static final String PASSWORD = "a-good-long-password";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final RestClient client;

	TestApi(int port) {
		this.client = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	Reply get(String path, @Nullable String token) {
		return send(HttpMethod.GET, path, token, null);
	}

	Reply post(String path, @Nullable String token, @Nullable Object body) {
		return send(HttpMethod.POST, path, token, body);
	}

	Reply patch(String path, @Nullable String token, Object body) {
		return send(HttpMethod.PATCH, path, token, body);
	}

	Reply delete(String path, @Nullable String token) {
		return send(HttpMethod.DELETE, path, token, null);
	}

	Reply send(HttpMethod method, String path, @Nullable String token, @Nullable Object body) {
		return send(method, path, token, body, null);
	}

	Reply send(HttpMethod method, String path, @Nullable String token, @Nullable Object body,
			@Nullable String idempotencyKey) {
		return sendWithHeaders(method, path, token, body,
				(idempotencyKey != null) ? Map.of("Idempotency-Key", idempotencyKey) : Map.of());
	}

	Reply sendWithHeaders(HttpMethod method, String path, @Nullable String token, @Nullable Object body,
			Map<String, String> extraHeaders) {
		RestClient.RequestBodySpec request = this.client.method(method).uri(path);
		extraHeaders.forEach(request::header);
		if (token != null) {
			request.headers((headers) -> headers.setBearerAuth(token));
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		ResponseEntity<Map<String, Object>> response = request.retrieve().toEntity(JSON);
		return new Reply(response.getStatusCode().value(), response.getHeaders(),
				(response.getBody() != null) ? response.getBody() : Map.of());
	}

	String login(String email, String password) {
		Reply reply = post("/auth/v1/console/login", null, Map.of("email", email, "password", password));
		assertThat(reply.status()).as("login of %s: %s", email, reply.body()).isEqualTo(200);
		return reply.string("accessToken");
	}

	String adminToken() {
		return login(ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	/** Creates a console account and returns a token for it. */
	String newAccount(String email) {
		Reply reply = post("/auth/v1/console/accounts", adminToken(), Map.of("email", email, "password", PASSWORD));
		assertThat(reply.status()).as("create account: %s", reply.body()).isEqualTo(201);
		return login(email, PASSWORD);
	}

	UUID createProject(String token, String name) {
		Reply reply = post("/auth/v1/projects", token, Map.of("name", name));
		assertThat(reply.status()).as("create project: %s", reply.body()).isEqualTo(201);
		return UUID.fromString(reply.string("id"));
	}

	/** Creates a key and returns the creation answer, the only one holding the key. */
	Reply createKey(String token, UUID projectId, String type) {
		Reply reply = post("/auth/v1/projects/" + projectId + "/api-keys", token,
				Map.of("name", type + " key", "type", type));
		assertThat(reply.status()).as("create key: %s", reply.body()).isEqualTo(201);
		return reply;
	}

	Reply resolve(String key) {
		return post("/internal/api-keys/resolve", null, Map.of("key", key));
	}

	/** A platform token for a new key of the project, as the gateway would get it. */
	String keyToken(String ownerToken, UUID projectId, String type) {
		Reply resolved = resolve(createKey(ownerToken, projectId, type).string("key"));
		assertThat(resolved.status()).isEqualTo(200);
		return resolved.string("token");
	}

	void addMember(String ownerToken, UUID projectId, String email, String role) {
		Reply reply = post("/auth/v1/projects/" + projectId + "/members", ownerToken,
				Map.of("email", email, "role", role));
		assertThat(reply.status()).as("add member: %s", reply.body()).isEqualTo(201);
	}

	/** The claims of a JWT, read without verifying it. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> claims(String jwt) {
		byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
		return JsonMapper.builder().build().readValue(payload, Map.class);
	}

	/** The kid in a JWT's header. */
	static String kid(String jwt) {
		byte[] header = Base64.getUrlDecoder().decode(jwt.split("\\.")[0]);
		return (String) JsonMapper.builder().build().readValue(header, Map.class).get("kid");
	}

	record Reply(int status, HttpHeaders headers, Map<String, Object> body) {

		String string(String key) {
			return (String) this.body.get(key);
		}

		@Nullable Object code() {
			return this.body.get("code");
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> items() {
			return (List<Map<String, Object>>) this.body.get("items");
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> errors() {
			return (List<Map<String, Object>>) this.body.get("errors");
		}

	}

}
