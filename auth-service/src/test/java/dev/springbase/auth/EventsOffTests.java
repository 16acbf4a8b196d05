package dev.springbase.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.platform.events.EventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With events switched off ({@code springbase.events.enabled=false}) users and projects
 * change as ever, and nothing is emitted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "springbase.events.enabled=false")
class EventsOffTests extends AuthServiceTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	void usersAndProjectsChangeWithoutEmittingAnything() {
		assertThat(this.context.getBeanProvider(EventPublisher.class).getIfAvailable()).isNull();
		EndUsers users = EndUsers.newProject(this.api, "quiet-owner@test.local");
		String id = EndUsers.userId(users.newUser("quiet@example.com"));
		assertThat(users.signIn("quiet@example.com", EndUsers.PASSWORD).status()).isEqualTo(200);
		assertThat(users.admin(HttpMethod.PATCH, "/users/" + id, Map.of("appMetadata", Map.of("plan", "pro"))).status())
			.isEqualTo(200);
		assertThat(users.admin(HttpMethod.DELETE, "/users/" + id, null).status()).isEqualTo(204);
		assertThat(this.api.send(HttpMethod.DELETE, "/auth/v1/projects/" + users.projectId, users.ownerToken, null)
			.status()).isEqualTo(204);

		boolean outbox = this.jdbc.sql("select to_regclass('event_outbox') is not null").query(Boolean.class).single();
		if (outbox) {
			assertThat(this.jdbc.sql("select count(*) from event_outbox").query(Integer.class).single()).isZero();
		}
	}

}
