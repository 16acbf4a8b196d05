package dev.springbase.functions.workers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK's AOT cache, built for each deployment beside its JAR and used by its workers;
 * one the JVM refuses costs nothing but the speed-up.
 */
@TestPropertySource(properties = "springbase.functions.workers.aot-cache=true")
class AotCacheTests extends FunctionsServiceTests {

	@TempDir
	Path work;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	private String name;

	@BeforeEach
	void deployFunction() {
		this.name = uniqueName("cached");
		deploy(this.name, behaviourJar(this.work, "ok"));
	}

	@Test
	void buildsTheCacheAtDeployTimeAndStartsWorkersWithItAndTheMemoryCaps() throws IOException {
		Path cache = cacheOf(versionId());

		assertThat(cache).isRegularFile();
		assertThat(Files.size(cache)).isPositive();
		try (Stream<Path> files = Files.list(cache.getParent())) {
			assertThat(files.map(Path::toString)).noneMatch((file) -> file.contains(".building"));
		}
		Reply invoked = invoke("x");
		assertThat(invoked.text()).isEqualTo("ok:x");
		assertThat(startups("true")).isEqualTo(1);
		String arguments = arguments(workerOf(invoked));
		assertThat(arguments).contains("-XX:AOTCache=" + cache)
			.contains("-Xmx96m", "-XX:MaxMetaspaceSize=64m", "-XX:MaxDirectMemorySize=24m",
					"-XX:ReservedCodeCacheSize=32m");
	}

	@Test
	void startsWorkersWithoutACacheTheJvmRefuses() throws IOException {
		Files.write(cacheOf(versionId()), new byte[4096]);

		Reply first = invoke("first");
		this.api.json("PATCH", "/functions/v1/functions/" + this.name, this.secret, Map.of("env", Map.of("A", "b")));
		Reply second = invoke("second");

		assertThat(first.text()).isEqualTo("ok:first");
		assertThat(second.text()).isEqualTo("ok:second");
		assertThat(startups("true")).isEqualTo(1);
		assertThat(startups("false")).isEqualTo(1);
		assertThat(arguments(workerOf(second))).doesNotContain("-XX:AOTCache");
	}

	@Test
	void deletesTheCacheWithTheFunction() {
		Path cache = cacheOf(versionId());
		assertThat(cache).isRegularFile();

		assertThat(this.api.delete("/functions/v1/functions/" + this.name, this.secret).status()).isEqualTo(204);

		assertThat(cache).doesNotExist();
		assertThat(cache.resolveSibling(cache.getFileName().toString().replace(".aot", ".jar"))).doesNotExist();
	}

	private Reply invoke(String input) {
		Reply reply = this.api.post("/functions/v1/" + this.name, this.secret, input, "Content-Type", "text/plain");
		assertThat(reply.status()).as(reply.text()).isEqualTo(200);
		return reply;
	}

	private UUID versionId() {
		return this.jdbc.sql("select active_version_id from functions where name = :name")
			.param("name", this.name)
			.query(UUID.class)
			.single();
	}

	private static Path cacheOf(UUID versionId) {
		return dataDir.resolve("functions").resolve("jars").resolve(versionId + ".aot").toAbsolutePath();
	}

	private UUID workerOf(Reply invoked) {
		return this.jdbc.sql("select worker_id from invocations where id = cast(:id as uuid)")
			.param("id", invoked.header("Springbase-Invocation-Id"))
			.query(UUID.class)
			.single();
	}

	/** The command line of the worker process with this id. */
	private static String arguments(UUID workerId) {
		return ProcessHandle.current()
			.children()
			.map((child) -> String.join(" ", child.info().arguments().map(List::of).orElse(List.of())))
			.filter((arguments) -> arguments.contains(workerId.toString()))
			.findFirst()
			.orElseThrow();
	}

	private long startups(String aot) {
		return this.meters.find("springbase.functions.worker.startup")
			.tag("function", this.name)
			.tag("aot", aot)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

}
