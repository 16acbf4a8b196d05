package dev.springbase.functions.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeploymentTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Autowired
	JdbcClient jdbc;

	@Test
	void deploysInvokesRedeploysRollsBackAndDeletes() {
		String name = uniqueName("greet");

		Reply first = this.api.deploy(name, this.secret, behaviourJar(this.work, "v1"), "demo.Behave");
		assertThat(first.status()).as(first.text()).isEqualTo(201);
		assertThat(first.json()).containsEntry("number", 1)
			.containsEntry("active", true)
			.containsEntry("kind", "function");
		assertThat(invoke(name, "ada").text()).isEqualTo("v1:ada");

		Reply second = this.api.deploy(name, this.secret, behaviourJar(this.work, "v2"), "demo.Behave");
		assertThat(second.json()).containsEntry("number", 2).containsEntry("active", true);
		assertThat(invoke(name, "ada").text()).isEqualTo("v2:ada");

		Reply rollback = this.api.post("/functions/v1/functions/" + name + "/versions/1/activate", this.secret, "");
		assertThat(rollback.status()).isEqualTo(200);
		assertThat(rollback.json()).containsEntry("activeVersion", 1);
		assertThat(invoke(name, "ada").text()).isEqualTo("v1:ada");

		Reply versions = this.api.get("/functions/v1/functions/" + name + "/versions?limit=1", this.secret);
		assertThat(items(versions)).singleElement()
			.satisfies((version) -> assertThat(version).containsEntry("number", 2).containsEntry("active", false));
		Reply older = this.api.get(
				"/functions/v1/functions/" + name + "/versions?limit=1&cursor=" + versions.json().get("nextCursor"),
				this.secret);
		assertThat(items(older)).singleElement()
			.satisfies((version) -> assertThat(version).containsEntry("number", 1).containsEntry("active", true));

		assertThat(this.api.delete("/functions/v1/functions/" + name, this.secret).status()).isEqualTo(204);
		Reply gone = invoke(name, "ada");
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo("functions.function_not_found");
		assertThat(this.api.get("/functions/v1/functions/" + name, this.secret).status()).isEqualTo(404);
	}

	@Test
	void deploysAVersionWithoutActivatingIt() {
		String name = uniqueName("staged");
		deploy(name, behaviourJar(this.work, "v1"));

		Reply deployed = this.api.upload("/functions/v1/functions/" + name + "/versions?activate=false", this.secret,
				behaviourJar(this.work, "v2"), "demo.Behave");
		assertThat(deployed.json()).containsEntry("number", 2).containsEntry("active", false);
		assertThat(invoke(name, "x").text()).isEqualTo("v1:x");
	}

	@Test
	void runsAVersionActivatedThroughAnotherInstanceWithinTheRecheck() {
		String name = uniqueName("elsewhere");
		deploy(name, behaviourJar(this.work, "v1"));
		this.api.upload("/functions/v1/functions/" + name + "/versions?activate=false", this.secret,
				behaviourJar(this.work, "v2"), "demo.Behave");
		assertThat(invoke(name, "x").text()).isEqualTo("v1:x");

		// What an activation through another instance writes; this one is not told.
		this.jdbc.sql("""
				update functions set revision = revision + 1,
				active_version_id = (select id from function_versions where function_id = functions.id and number = 2)
				where name = :name""").param("name", name).update();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(invoke(name, "x").text()).isEqualTo("v2:x"));
	}

	@Test
	void refusesAFileThatIsNoJarAndStoresNothing() {
		String name = uniqueName("broken");

		Reply refused = this.api.deploy(name, this.secret, FunctionJars.notAJar(this.work), "demo.Behave");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("functions.invalid_jar");
		assertThat(this.api.get("/functions/v1/functions/" + name, this.secret).status()).isEqualTo(404);
	}

	@Test
	void refusesAHandlerTheJarDoesNotHave() {
		Reply refused = this.api.deploy(uniqueName("missing"), this.secret, behaviourJar(this.work, "v1"),
				"demo.Missing");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("functions.handler_not_found");
		assertThat(refused.json().get("detail").toString()).contains("demo.Missing");
	}

	@Test
	void refusesAHandlerThatIsNoFunction() {
		Path jar = FunctionJars.build(this.work, List.of(),
				Map.of("demo.Plain", "package demo; public class Plain {}"));

		Reply refused = this.api.deploy(uniqueName("plain"), this.secret, jar, "demo.Plain");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("functions.not_a_function");
	}

	@Test
	void refusesAFunctionThatFailsToLoad() {
		Path jar = FunctionJars.build(this.work, List.of(), Map.of("demo.Exits", """
				package demo;
				public class Exits implements java.util.function.Supplier<String> {
					static { System.exit(9); }
					public String get() { return ""; }
				}"""));

		Reply refused = this.api.deploy(uniqueName("exits"), this.secret, jar, "demo.Exits");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("functions.handler_failed");
		assertThat(refused.json().get("detail").toString()).contains("status 9");
	}

	@Test
	void refusesInvalidFunctionNames() {
		Reply refused = this.api.deploy("Not_Valid", this.secret, behaviourJar(this.work, "v1"), "demo.Behave");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo("functions.invalid_name");
	}

	@Test
	void onlyAdminsDeploy() {
		Path jar = behaviourJar(this.work, "v1");
		String name = uniqueName("guarded");

		Reply anon = this.api.deploy(name, auth.publishableKeyToken(this.project), jar, "demo.Behave");
		Reply user = this.api.deploy(name, auth.userToken(this.project, UUID.randomUUID().toString()), jar,
				"demo.Behave");

		assertThat(anon.status()).isEqualTo(403);
		assertThat(anon.code()).isEqualTo("functions.admin_required");
		assertThat(user.status()).isEqualTo(403);
	}

	@Test
	void consoleDevelopersDeployAndViewersOnlyRead() {
		UUID developer = UUID.randomUUID();
		UUID viewer = UUID.randomUUID();
		auth.addMember(this.project, developer, "developer");
		auth.addMember(this.project, viewer, "viewer");
		String name = uniqueName("console");
		Path jar = behaviourJar(this.work, "v1");
		String projectHeader = this.project.toString();

		Reply byDeveloper = this.api.deploy(name, auth.accountToken(developer, false), jar, "demo.Behave",
				"X-Project-Id", projectHeader);
		Reply byViewer = this.api.deploy(name, auth.accountToken(viewer, false), jar, "demo.Behave", "X-Project-Id",
				projectHeader);
		Reply read = this.api.get("/functions/v1/functions/" + name, auth.accountToken(viewer, false), "X-Project-Id",
				projectHeader);
		Reply stranger = this.api.get("/functions/v1/functions/" + name, auth.accountToken(UUID.randomUUID(), false),
				"X-Project-Id", projectHeader);

		assertThat(byDeveloper.status()).as(byDeveloper.text()).isEqualTo(201);
		assertThat(byViewer.status()).isEqualTo(403);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).containsEntry("activeVersion", 1);
		assertThat(stranger.status()).isEqualTo(404);
	}

	@Test
	void keepsFunctionsOfOtherProjectsOutOfReach() {
		String name = uniqueName("private");
		deploy(name, behaviourJar(this.work, "v1"));
		String other = auth.secretKeyToken(UUID.randomUUID());
		String path = "/functions/v1/functions/" + name;

		assertThat(this.api.get(path, other).status()).isEqualTo(404);
		assertThat(this.api.get(path + "/versions", other).status()).isEqualTo(404);
		assertThat(this.api.post(path + "/versions/1/activate", other, "").status()).isEqualTo(404);
		assertThat(this.api.delete(path, other).status()).isEqualTo(404);
		assertThat(this.api.post("/functions/v1/" + name, other, "x").code()).isEqualTo("functions.function_not_found");
		assertThat(items(this.api.get("/functions/v1/functions", other))).isEmpty();
		assertThat(invoke(name, "still here").text()).isEqualTo("v1:still here");
	}

	private Reply invoke(String name, String input) {
		return this.api.post("/functions/v1/" + name, this.secret, input, "Content-Type", "text/plain");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Reply reply) {
		return (List<Map<String, Object>>) reply.json().get("items");
	}

}
