package dev.springbase.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import dev.springbase.auth.TestApi.Reply;
import dev.springbase.platform.crypto.FunctionTokenProof;
import dev.springbase.platform.crypto.MasterKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The functions service gets a token for each function, proving with the master key it
 * shares with this service that it is the functions service.
 */
class FunctionTokenTests extends AuthServiceTests {

	@Autowired
	MasterKey masterKey;

	@TempDir
	Path otherDataDir;

	private String owner;

	private UUID project;

	private final UUID function = UUID.randomUUID();

	@BeforeEach
	void newProject() {
		this.owner = this.api.newAccount("functions-" + UUID.randomUUID() + "@test.local");
		this.project = this.api.createProject(this.owner, "with functions");
	}

	@Test
	void mintsAServiceRoleTokenOfTheFunctionInItsProject() {
		Instant before = Instant.now();

		Reply minted = mint(this.project, this.function, proof(this.project, this.function, Instant.now()));

		assertThat(minted.status()).as("%s", minted.body()).isEqualTo(200);
		String token = minted.string("token");
		Map<String, Object> claims = TestApi.claims(token);
		assertThat(claims).containsEntry("kind", "function")
			.containsEntry("sub", this.function.toString())
			.containsEntry("project", this.project.toString())
			.containsEntry("role", "service_role")
			.containsEntry("iss", "http://localhost:8080/auth/v1");
		Instant expiresAt = Instant.parse(minted.string("expiresAt"));
		assertThat(expiresAt).isEqualTo(Instant.ofEpochSecond(((Number) claims.get("exp")).longValue()));
		assertThat(Duration.between(before, expiresAt)).isBetween(Duration.ofMinutes(19), Duration.ofMinutes(21));
		assertThat(this.api.get("/auth/v1/whoami", token).body()).containsEntry("kind", "function")
			.containsEntry("subject", this.function.toString())
			.containsEntry("role", "service_role");
	}

	@Test
	void aFunctionTokenActsLikeASecretKeyInItsProjectOnly() {
		String token = mint(this.project, this.function, proof(this.project, this.function, Instant.now()))
			.string("token");
		UUID otherProject = this.api.createProject(this.api.newAccount("other-" + UUID.randomUUID() + "@test.local"),
				"someone else's");

		Reply ownKeys = this.api.get("/auth/v1/projects/" + this.project + "/api-keys", token);
		Reply otherKeys = this.api.get("/auth/v1/projects/" + otherProject + "/api-keys", token);

		assertThat(ownKeys.status()).isEqualTo(200);
		assertThat(otherKeys.status()).isEqualTo(404);
		assertThat(otherKeys.string("code")).isEqualTo("auth.project_not_found");
	}

	@Test
	void refusesARequestWithoutProof() {
		Reply missing = mint(this.project, this.function, null);
		Reply blank = mint(this.project, this.function, " ");

		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.string("code")).isEqualTo("auth.function_proof_missing");
		assertThat(blank.string("code")).isEqualTo("auth.function_proof_missing");
		assertThat(missing.body()).doesNotContainKey("token");
	}

	@Test
	void refusesAProofMadeWithAnotherKeyOrNoneAtAll() {
		MasterKey otherKey = MasterKey.load(null, this.otherDataDir, "test");
		String forged = new FunctionTokenProof(this.project, this.function, Instant.now()).seal(otherKey);

		Reply byOtherKey = mint(this.project, this.function, forged);
		Reply garbage = mint(this.project, this.function, "bm90IGEgcHJvb2Y");

		assertThat(byOtherKey.status()).isEqualTo(403);
		assertThat(byOtherKey.string("code")).isEqualTo("auth.function_proof_invalid");
		assertThat(byOtherKey.body()).doesNotContainKey("token");
		assertThat(garbage.status()).isEqualTo(403);
		assertThat(garbage.string("code")).isEqualTo("auth.function_proof_invalid");
	}

	@Test
	void refusesAProofForAnotherFunctionOrProject() {
		UUID otherProject = this.api.createProject(this.owner, "second");
		String proof = proof(this.project, this.function, Instant.now());

		Reply otherFunction = mint(this.project, UUID.randomUUID(), proof);
		Reply movedProject = mint(otherProject, this.function, proof);

		assertThat(otherFunction.status()).isEqualTo(403);
		assertThat(otherFunction.string("code")).isEqualTo("auth.function_proof_mismatch");
		assertThat(movedProject.status()).isEqualTo(403);
		assertThat(movedProject.string("code")).isEqualTo("auth.function_proof_mismatch");
	}

	@Test
	void refusesAStaleProofAndOneDatedAhead() {
		Reply stale = mint(this.project, this.function,
				proof(this.project, this.function, Instant.now().minusSeconds(90)));
		Reply ahead = mint(this.project, this.function,
				proof(this.project, this.function, Instant.now().plusSeconds(90)));

		assertThat(stale.status()).isEqualTo(403);
		assertThat(stale.string("code")).isEqualTo("auth.function_proof_expired");
		assertThat(ahead.status()).isEqualTo(403);
		assertThat(ahead.string("code")).isEqualTo("auth.function_proof_expired");
	}

	@Test
	void refusesAProjectThatDoesNotExist() {
		UUID unknown = UUID.randomUUID();

		Reply minted = mint(unknown, this.function, proof(unknown, this.function, Instant.now()));

		assertThat(minted.status()).isEqualTo(404);
		assertThat(minted.string("code")).isEqualTo("auth.project_not_found");
	}

	@Test
	void refusesARequestThatNamesNoFunction() {
		Map<String, Object> body = new HashMap<>();
		body.put("projectId", this.project.toString());
		body.put("proof", proof(this.project, this.function, Instant.now()));

		Reply minted = this.api.post("/internal/function-tokens", null, body);

		assertThat(minted.status()).isEqualTo(400);
		assertThat(minted.string("code")).isEqualTo("request.validation_failed");
	}

	private String proof(UUID projectId, UUID functionId, Instant issuedAt) {
		return new FunctionTokenProof(projectId, functionId, issuedAt).seal(this.masterKey);
	}

	private Reply mint(UUID projectId, UUID functionId, String proof) {
		Map<String, Object> body = new HashMap<>();
		body.put("projectId", projectId.toString());
		body.put("functionId", functionId.toString());
		body.put("proof", proof);
		return this.api.post("/internal/function-tokens", null, body);
	}

}
