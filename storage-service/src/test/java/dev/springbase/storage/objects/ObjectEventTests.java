package dev.springbase.storage.objects;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.storage.StorageClient.Reply;
import dev.springbase.storage.StorageServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object changes write their events to the outbox in the same transaction; refused
 * uploads write none.
 */
class ObjectEventTests extends StorageServiceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void bucket() {
		this.api.json("POST", "/storage/v1/bucket", this.secret,
				Map.of("name", "photos", "maxObjectSize", 1024, "allowedMimeTypes", List.of("text/*")));
	}

	@Test
	void committedUploadEmitsCreatedWithTheObjectsDetails() {
		String user = java.util.UUID.randomUUID().toString();
		Reply stored = this.api.put("/storage/v1/object/photos/" + user + "/tom.txt",
				auth.userToken(this.project, user), "meow".getBytes());
		assertThat(stored.status()).isEqualTo(201);

		List<Map<String, Object>> events = events();
		assertThat(events).hasSize(1);
		Map<String, Object> created = events.getFirst();
		assertThat(created).containsEntry("type", "storage.object.created")
			.containsEntry("subject", "photos/" + user + "/tom.txt")
			.containsEntry("project", this.project.toString());
		assertThat(created.get("data")).isEqualTo(Map.of("bucket", "photos", "key", user + "/tom.txt", "size", 4,
				"contentType", "text/plain", "sha256", stored.json().get("sha256"), "owner", user));
	}

	@Test
	void deleteCopyAndMoveEmitTheirEvents() {
		this.api.put("/storage/v1/object/photos/a.txt", this.secret, "a".getBytes());
		this.api.json("POST", "/storage/v1/object/copy", this.secret,
				Map.of("bucket", "photos", "sourceKey", "a.txt", "destinationKey", "b.txt"));
		this.api.json("POST", "/storage/v1/object/move", this.secret,
				Map.of("bucket", "photos", "sourceKey", "b.txt", "destinationKey", "c.txt"));
		this.api.delete("/storage/v1/object/photos/c.txt", this.secret);

		assertThat(events()).extracting((event) -> event.get("type") + " " + event.get("subject"))
			.containsExactly("storage.object.created photos/a.txt", "storage.object.created photos/b.txt",
					"storage.object.deleted photos/b.txt", "storage.object.created photos/c.txt",
					"storage.object.deleted photos/c.txt");
	}

	@Test
	void refusedUploadsEmitNothing() {
		Reply tooLarge = this.api.send("PUT", "/storage/v1/object/photos/big.txt", this.secret,
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("x".repeat(5000).getBytes())));
		assertThat(tooLarge.status()).isEqualTo(413);
		Reply wrongType = this.api.put("/storage/v1/object/photos/cat.png", this.secret, ObjectTests.PNG);
		assertThat(wrongType.status()).isEqualTo(415);
		this.api.put("/storage/v1/object/photos/once.txt", this.secret, "1".getBytes());
		Reply exists = this.api.put("/storage/v1/object/photos/once.txt", this.secret, "2".getBytes());
		assertThat(exists.status()).isEqualTo(409);
		Reply denied = this.api.put("/storage/v1/object/photos/anon.txt", auth.publishableKeyToken(this.project),
				"x".getBytes());
		assertThat(denied.status()).isEqualTo(403);

		assertThat(events()).extracting((event) -> event.get("subject")).containsExactly("photos/once.txt");
	}

	/** This test's project's events in the outbox, in the order they were written. */
	private List<Map<String, Object>> events() {
		return this.jdbc.sql("select payload from event_outbox order by position")
			.query(String.class)
			.list()
			.stream()
			.map((payload) -> JSON.readValue(payload, new TypeReference<Map<String, Object>>() {
			}))
			.filter((event) -> this.project.toString().equals(event.get("project")))
			.toList();
	}

}
