package dev.springbase.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code auth.*} events, as the outbox holds them for the event backbone. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "springbase.events.enabled=true")
class AuthEventsTests extends AuthServiceTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void userChangesEmitEventsInTheirTransaction() {
		EndUsers users = EndUsers.newProject(this.api, "events-owner@test.local");
		String id = EndUsers.userId(users.newUser("evented@example.com"));
		assertThat(users.signUp("evented@example.com", EndUsers.PASSWORD).status()).isEqualTo(409);
		assertThat(users.signIn("evented@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(users.admin(HttpMethod.PATCH, "/users/" + id, Map.of("appMetadata", Map.of("plan", "pro"))).status())
			.isEqualTo(200);
		assertThat(users.admin(HttpMethod.DELETE, "/users/" + id, null).status()).isEqualTo(204);

		List<Map<String, Object>> events = this.jdbc.sql("select payload from event_outbox order by position")
			.query(String.class)
			.list()
			.stream()
			.map(AuthEventsTests::json)
			.filter((event) -> id.equals(event.get("subject")))
			.toList();
		// The refused duplicate sign-up rolled back and left no event.
		assertThat(events).extracting((event) -> event.get("type"))
			.containsExactly("auth.user.created", "auth.user.signed_in", "auth.user.signed_in", "auth.user.updated",
					"auth.user.deleted");
		assertThat(events).allSatisfy((event) -> assertThat(event).containsEntry("specversion", "1.0")
			.containsEntry("project", users.projectId.toString())
			.containsEntry("source", "/springbase/auth"));
		@SuppressWarnings("unchecked")
		Map<String, Object> updated = (Map<String, Object>) ((Map<String, Object>) events.get(3).get("data"))
			.get("user");
		assertThat(updated).containsEntry("email", "evented@example.com")
			.containsEntry("appMetadata", Map.of("plan", "pro"))
			.doesNotContainKeys("passwordHash", "password");
		@SuppressWarnings("unchecked")
		Map<String, Object> signedIn = (Map<String, Object>) events.get(2).get("data");
		assertThat(signedIn).containsKey("sessionId");
	}

	@Test
	@SuppressWarnings("unchecked")
	void anEmailChangeRequestShowsPendingInTheUpdatedEvent() {
		EndUsers users = EndUsers.newProject(this.api, "events-changer@test.local");
		Reply signedUp = users.newUser("mover@example.com");
		Reply requested = users.call(HttpMethod.PUT, "/auth/v1/user", signedUp.string("accessToken"),
				Map.of("email", "mover.renamed@example.com"));
		assertThat(requested.status()).isEqualTo(200);

		List<Map<String, Object>> updated = this.jdbc
			.sql("select payload from event_outbox where type = 'auth.user.updated' order by position")
			.query(String.class)
			.list()
			.stream()
			.map((payload) -> (Map<String, Object>) json(payload).get("data"))
			.map((data) -> (Map<String, Object>) data.get("user"))
			.filter((user) -> EndUsers.userId(signedUp).equals(user.get("id")))
			.toList();
		assertThat(updated).singleElement()
			.satisfies((user) -> assertThat(user).containsEntry("email", "mover@example.com")
				.containsEntry("newEmail", "mover.renamed@example.com")
				.containsEntry("emailChangeSentAt", requested.string("emailChangeSentAt"))
				.containsEntry("emailChangeAwaiting", requested.body().get("emailChangeAwaiting")));
	}

	@Test
	void deletingAProjectEmitsAnEventInItsTransaction() {
		String owner = this.api.newAccount("events-deleter@test.local");
		UUID kept = this.api.createProject(owner, "kept");
		UUID doomed = this.api.createProject(owner, "doomed");
		String viewer = this.api.newAccount("events-viewer@test.local");
		this.api.addMember(owner, doomed, "events-viewer@test.local", "viewer");

		// A refused deletion rolls back and leaves no event.
		assertThat(this.api.delete("/auth/v1/projects/" + doomed, viewer).status()).isEqualTo(403);
		assertThat(this.api.delete("/auth/v1/projects/" + doomed, owner).status()).isEqualTo(204);
		assertThat(this.api.delete("/auth/v1/projects/" + doomed, owner).status()).isEqualTo(404);

		List<Map<String, Object>> deleted = this.jdbc
			.sql("select payload from event_outbox where type = 'auth.project.deleted' order by position")
			.query(String.class)
			.list()
			.stream()
			.map(AuthEventsTests::json)
			.toList();
		assertThat(deleted).singleElement().satisfies((event) -> {
			assertThat(event).containsEntry("project", doomed.toString()).containsEntry("subject", doomed.toString());
			assertThat(event.get("data")).extracting("project")
				.isEqualTo(Map.of("id", doomed.toString(), "name", "doomed"));
		});
		assertThat(this.api.get("/auth/v1/projects/" + kept, owner).status()).isEqualTo(200);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String payload) {
		return JsonMapper.builder().build().readValue(payload, Map.class);
	}

}
