package dev.springbase.auth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.auth.TestApi.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code auth.user.*} events, as the outbox holds them for the event backbone. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "springbase.events.enabled=true")
class UserEventsTests extends AuthServiceTests {

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
			.map(UserEventsTests::json)
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

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String payload) {
		return JsonMapper.builder().build().readValue(payload, Map.class);
	}

}
