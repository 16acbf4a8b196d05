package dev.springbase.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A small client for the gateway's HTTP API, as an app or the console would call it.
 */
final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	Api(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	static Api gateway() {
		return new Api(SpringbaseStack.get().gatewayUrl());
	}

	Call call(String method, String path) {
		return new Call(method, path);
	}

	Call get(String path) {
		return call("GET", path);
	}

	Call post(String path) {
		return call("POST", path);
	}

	/** Signs in to the console and returns the account's access token. */
	String login(String email, String password) {
		Response response = post("/auth/v1/console/login").json(Map.of("email", email, "password", password)).send();
		response.expectStatus(200);
		return response.string("accessToken");
	}

	String adminToken() {
		return login(SpringbaseStack.ADMIN_EMAIL, SpringbaseStack.ADMIN_PASSWORD);
	}

	/** Creates a project as the given account and returns its id. */
	String createProject(String accountToken, String name, List<String> allowedOrigins) {
		Response response = post("/auth/v1/projects").bearer(accountToken)
			.json(Map.of("name", name, "allowedOrigins", allowedOrigins))
			.send();
		response.expectStatus(201);
		return response.string("id");
	}

	/**
	 * Creates an API key and returns the created key as the API answers it (with the
	 * secret).
	 */
	Response createKey(String accountToken, String projectId, String type) {
		Response response = post("/auth/v1/projects/" + projectId + "/api-keys").bearer(accountToken)
			.json(Map.of("name", type + " key", "type", type))
			.send();
		response.expectStatus(201);
		return response;
	}

	/**
	 * Makes a new console account a member of the project with the role and returns the
	 * account's access token.
	 */
	String createMember(String ownerToken, String projectId, String role) {
		String email = role + "-" + System.nanoTime() + "@system.test";
		post("/auth/v1/console/accounts").bearer(ownerToken)
			.json(Map.of("email", email, "password", "member-password-123"))
			.send()
			.expectStatus(201);
		post("/auth/v1/projects/" + projectId + "/members").bearer(ownerToken)
			.json(Map.of("email", email, "role", role))
			.send()
			.expectStatus(201);
		return login(email, "member-password-123");
	}

	final class Call {

		private final HttpRequest.Builder request;

		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		private final String method;

		Call(String method, String path) {
			this.method = method;
			this.request = HttpRequest.newBuilder(URI.create(Api.this.baseUrl + path)).timeout(Duration.ofSeconds(30));
		}

		Call apikey(String key) {
			return header("apikey", key);
		}

		Call bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		Call header(String name, String value) {
			this.request.header(name, value);
			return this;
		}

		Call json(Object value) {
			return body("application/json", JSON.writeValueAsString(value));
		}

		Call body(String contentType, String content) {
			this.request.header("Content-Type", contentType);
			this.body = HttpRequest.BodyPublishers.ofString(content);
			return this;
		}

		Call body(String contentType, byte[] content) {
			this.request.header("Content-Type", contentType);
			this.body = HttpRequest.BodyPublishers.ofByteArray(content);
			return this;
		}

		/** The answer with its body as bytes, for downloads. */
		HttpResponse<byte[]> download() {
			try {
				return Api.this.client.send(this.request.method(this.method, this.body).build(),
						HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				throw new IllegalStateException(this.method + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		Response send() {
			try {
				HttpResponse<String> response = Api.this.client
					.send(this.request.method(this.method, this.body).build(), HttpResponse.BodyHandlers.ofString());
				return new Response(response);
			}
			catch (IOException ex) {
				throw new IllegalStateException(this.method + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	record Response(HttpResponse<String> raw) {

		int status() {
			return this.raw.statusCode();
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		String contentType() {
			return header("Content-Type");
		}

		String body() {
			return this.raw.body();
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			if (this.raw.body() == null || this.raw.body().isBlank()) {
				return new LinkedHashMap<>();
			}
			return JSON.readValue(this.raw.body(), Map.class);
		}

		String string(String field) {
			Object value = json().get(field);
			return (value != null) ? value.toString() : null;
		}

		/** A member that is a JSON object, such as the {@code user} of a sign-in. */
		@SuppressWarnings("unchecked")
		Map<String, Object> object(String field) {
			return (Map<String, Object>) json().get(field);
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> items() {
			return (List<Map<String, Object>>) json().get("items");
		}

		String code() {
			return string("code");
		}

		Response expectStatus(int expected) {
			if (status() != expected) {
				throw new AssertionError("Expected " + expected + " but got " + status() + ": " + body());
			}
			return this;
		}

	}

}
