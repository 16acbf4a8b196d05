package dev.springbase.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project with keys, and the end-user API called with the platform tokens the gateway
 * would forward: the publishable key's for sign-up and sign-in, the user's own after.
 */
final class EndUsers {

	static final String PASSWORD = "correct horse battery staple";

	final TestApi api;

	final UUID projectId;

	final String ownerToken;

	/** What the gateway forwards for a publishable key. */
	final String anonToken;

	/** What the gateway forwards for a secret key. */
	final String serviceToken;

	/** The client address the gateway reports; tests vary it to stay under throttles. */
	String address = "203.0.113.1";

	private EndUsers(TestApi api, UUID projectId, String ownerToken) {
		this.api = api;
		this.projectId = projectId;
		this.ownerToken = ownerToken;
		this.anonToken = api.keyToken(ownerToken, projectId, "publishable");
		this.serviceToken = api.keyToken(ownerToken, projectId, "secret");
	}

	/** A new console account owning a new project. */
	static EndUsers newProject(TestApi api, String ownerEmail) {
		String owner = api.newAccount(ownerEmail);
		return new EndUsers(api, api.createProject(owner, ownerEmail + " app"), owner);
	}

	Reply signUp(String email, String password) {
		return call(HttpMethod.POST, "/auth/v1/signup", this.anonToken, Map.of("email", email, "password", password));
	}

	Reply signUpAnonymously() {
		return call(HttpMethod.POST, "/auth/v1/signup", this.anonToken, Map.of());
	}

	/** Signs up and returns the token answer. */
	Reply newUser(String email) {
		Reply reply = signUp(email, PASSWORD);
		assertThat(reply.status()).as("sign-up: %s", reply.body()).isEqualTo(200);
		return reply;
	}

	Reply signIn(String email, String password) {
		return call(HttpMethod.POST, "/auth/v1/token?grant_type=password", this.anonToken,
				Map.of("email", email, "password", password));
	}

	Reply refresh(String refreshToken) {
		return call(HttpMethod.POST, "/auth/v1/token?grant_type=refresh_token", this.anonToken,
				Map.of("refreshToken", refreshToken));
	}

	Reply call(HttpMethod method, String path, @Nullable String token, @Nullable Object body) {
		Map<String, String> headers = new HashMap<>();
		headers.put("X-Forwarded-For", this.address);
		headers.put("User-Agent", "EndUsersTest/1.0");
		return this.api.sendWithHeaders(method, path, token, body, headers);
	}

	Reply admin(HttpMethod method, String path, @Nullable Object body) {
		return call(method, "/auth/v1/admin" + path, this.serviceToken, body);
	}

	/** The id in a token answer's user. */
	@SuppressWarnings("unchecked")
	static String userId(Reply tokens) {
		return (String) ((Map<String, Object>) tokens.body().get("user")).get("id");
	}

}
