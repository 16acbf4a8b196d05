package dev.springbase.functions.host;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.springbase.functions.sdk.events.AuthUser;
import dev.springbase.functions.sdk.events.AuthUserEvent;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTests {

	private final Payloads payloads = new Payloads(JsonMapper.builder().build());

	@Test
	void bindsTheEmailChangeAUserHasPendingFromTheAuthEvent() {
		// The data of auth.user.updated as the auth service writes it, nulls included.
		String json = """
				{"user":{"id":"0b9c5a3e-6f1d-4c4e-9a57-2a3f0c1d7e11","email":"mover@example.com","anonymous":false,
				"emailConfirmedAt":"2026-03-01T09:00:00.123456Z","newEmail":"mover.renamed@example.com",
				"emailChangeSentAt":"2026-03-02T10:15:30.654321Z","emailChangeAwaiting":["current","new"],
				"userMetadata":{"name":"Mover"},"appMetadata":{},"bannedUntil":null,
				"lastSignInAt":"2026-03-02T10:00:00Z","createdAt":"2026-03-01T08:59:00Z",
				"updatedAt":"2026-03-02T10:00:00Z"}}""";

		AuthUserEvent event = (AuthUserEvent) this.payloads.read(json.getBytes(StandardCharsets.UTF_8),
				AuthUserEvent.class);

		AuthUser user = event.user();
		assertThat(user.id()).isEqualTo(UUID.fromString("0b9c5a3e-6f1d-4c4e-9a57-2a3f0c1d7e11"));
		assertThat(user.email()).isEqualTo("mover@example.com");
		assertThat(user.newEmail()).isEqualTo("mover.renamed@example.com");
		assertThat(user.emailChangeSentAt()).isEqualTo(Instant.parse("2026-03-02T10:15:30.654321Z"));
		assertThat(user.emailChangeAwaiting()).containsExactly("current", "new");
		assertThat(user.userMetadata()).isEqualTo(Map.of("name", "Mover"));
		assertThat(user.bannedUntil()).isNull();
		assertThat(event.sessionId()).isNull();
	}

	@Test
	void showsNoEmailChangeWhenNonePending() {
		String json = """
				{"user":{"id":"0b9c5a3e-6f1d-4c4e-9a57-2a3f0c1d7e11","email":"still@example.com","anonymous":false,
				"emailConfirmedAt":null,"newEmail":null,"emailChangeSentAt":null,"emailChangeAwaiting":null,
				"userMetadata":{},"appMetadata":{},"bannedUntil":null,"lastSignInAt":null,
				"createdAt":"2026-03-01T08:59:00Z","updatedAt":"2026-03-01T08:59:00Z"},
				"sessionId":"5d0f3c1a-2b4e-4f6a-8c9d-0e1f2a3b4c5d"}""";

		AuthUser user = ((AuthUserEvent) this.payloads.read(json.getBytes(StandardCharsets.UTF_8), AuthUserEvent.class))
			.user();

		assertThat(user.newEmail()).isNull();
		assertThat(user.emailChangeSentAt()).isNull();
		assertThat(user.emailChangeAwaiting()).isNull();
	}

	@Test
	void aUserBuiltWithTheFieldsItHadBeforeHasNoEmailChangePending() {
		Instant now = Instant.parse("2026-03-01T08:59:00Z");
		AuthUser user = new AuthUser(UUID.randomUUID(), "ada@example.com", false, now, Map.of(), Map.of(), null, now,
				now, now);

		assertThat(user.newEmail()).isNull();
		assertThat(user.emailChangeSentAt()).isNull();
		assertThat(user.emailChangeAwaiting()).isNull();
		assertThat(user.email()).isEqualTo("ada@example.com");
		assertThat(user.lastSignInAt()).isEqualTo(now);
		assertThat(List.of(user.createdAt(), user.updatedAt())).containsOnly(now);
	}

}
