package dev.springbase.functions.host;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.springbase.functions.host.LoadFailure.Reason;
import dev.springbase.functions.sdk.FunctionContext;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionLoaderTests {

	@TempDir
	Path dir;

	private final Payloads payloads = new Payloads(JsonMapper.builder().build());

	@Test
	void bindsJsonToTheRecordsAClassHandlerDeclares() throws Exception {
		Path jar = jar(Map.of("demo.Order", "package demo; public record Order(String item, int quantity) {}",
				"demo.Receipt", "package demo; public record Receipt(String item, int total) {}", "demo.Total",
				"""
						package demo;
						public class Total implements java.util.function.Function<Order, Receipt> {
							public Receipt apply(Order order) { return new Receipt(order.item(), order.quantity() * 2); }
						}"""));

		LoadedFunction function = FunctionLoader.load(jar, "demo.Total");
		Payloads.Output output = function.invoke(bytes("{\"item\":\"tea\",\"quantity\":3}"), this.payloads);

		assertThat(function.kind()).isEqualTo(LoadedFunction.Kind.FUNCTION);
		assertThat(output.contentType()).isEqualTo(Payloads.JSON);
		assertThat(text(output)).isEqualTo("{\"item\":\"tea\",\"total\":6}");
	}

	@Test
	void bindsEventDataToTheSdkEventRecords() throws Exception {
		Path jar = jar(Map.of("demo.Rows", """
				package demo;
				import dev.springbase.functions.sdk.events.DatabaseRowEvent;
				public class Rows implements java.util.function.Function<DatabaseRowEvent, String> {
					public String apply(DatabaseRowEvent event) {
						return event.operation() + " " + event.table() + " " + event.oldRow() + " -> " + event.newRow();
					}
				}""", "demo.Objects", """
				package demo;
				import dev.springbase.functions.sdk.events.StorageObjectEvent;
				public class Objects implements java.util.function.Function<StorageObjectEvent, String> {
					public String apply(StorageObjectEvent event) {
						return event.bucket() + ":" + event.key() + ":" + event.size() + ":" + event.owner();
					}
				}"""));

		LoadedFunction rows = FunctionLoader.load(jar, "demo.Rows");
		LoadedFunction objects = FunctionLoader.load(jar, "demo.Objects");

		assertThat(text(rows.invoke(bytes("""
				{"schema":"proj_1","table":"orders","old":{"id":1,"total":5},"new":{"id":1,"total":7}}"""),
				this.payloads)))
			.isEqualTo("updated orders {id=1, total=5} -> {id=1, total=7}");
		assertThat(text(rows.invoke(bytes("""
				{"schema":"proj_1","table":"orders","old":null,"new":{"id":2}}"""), this.payloads)))
			.isEqualTo("inserted orders null -> {id=2}");
		assertThat(text(objects.invoke(
				bytes("""
						{"bucket":"photos","key":"a/cat.png","size":42,"contentType":"image/png","sha256":"ab","owner":null}"""),
				this.payloads)))
			.isEqualTo("photos:a/cat.png:42:null");
	}

	@Test
	void refusesABodyThatDoesNotFitTheInputType() throws Exception {
		Path jar = jar(Map.of("demo.Order", "package demo; public record Order(String item, int quantity) {}",
				"demo.Count", """
						package demo;
						public class Count implements java.util.function.Function<Order, Integer> {
							public Integer apply(Order order) { return order.quantity(); }
						}"""));

		LoadedFunction function = FunctionLoader.load(jar, "demo.Count");

		assertThatThrownBy(() -> function.invoke(bytes("{\"quantity\": \"many\"}"), this.payloads))
			.isInstanceOf(Payloads.InvalidInput.class)
			.hasMessageContaining("demo.Order");
	}

	@Test
	void runsTheFunctionABeanMethodReturns() throws Exception {
		Path jar = jar(Map.of("demo.Beans", """
				package demo;
				import java.util.function.*;
				public class Beans {
					public Function<String, String> upper() { return (text) -> text.toUpperCase(); }
					public static Supplier<String> hello() { return () -> "hello"; }
				}"""));

		assertThat(text(FunctionLoader.load(jar, "demo.Beans::upper").invoke(bytes("abc"), this.payloads)))
			.isEqualTo("ABC");
		LoadedFunction supplier = FunctionLoader.load(jar, "demo.Beans::hello");
		assertThat(supplier.kind()).isEqualTo(LoadedFunction.Kind.SUPPLIER);
		assertThat(text(supplier.invoke(new byte[0], this.payloads))).isEqualTo("hello");
	}

	@Test
	void keepsTheHostsLibrariesOutOfReachOfUserCode() throws Exception {
		Path jar = jar(Map.of("demo.Probe", """
				package demo;
				public class Probe implements java.util.function.Function<String, String> {
					public String apply(String className) {
						try { Class.forName(className); return "visible"; }
						catch (ClassNotFoundException ex) { return "hidden"; }
					}
				}"""));
		LoadedFunction function = FunctionLoader.load(jar, "demo.Probe");

		assertThat(text(function.invoke(bytes("tools.jackson.databind.json.JsonMapper"), this.payloads)))
			.isEqualTo("hidden");
		assertThat(text(function.invoke(bytes("dev.springbase.functions.sdk.FunctionContext"), this.payloads)))
			.isEqualTo("visible");
	}

	@Test
	void refusesAHandlerClassThatIsNotInTheJar() {
		Path jar = jar(Map.of("demo.Other", "package demo; public class Other {}"));

		assertThatThrownBy(() -> FunctionLoader.load(jar, "demo.Missing")).isInstanceOf(LoadFailure.class)
			.satisfies((ex) -> assertThat(((LoadFailure) ex).reason()).isEqualTo(Reason.HANDLER_NOT_FOUND))
			.hasMessageContaining("demo.Missing");
		assertThatThrownBy(() -> FunctionLoader.load(jar, "demo.Other::nothing")).isInstanceOf(LoadFailure.class)
			.satisfies((ex) -> assertThat(((LoadFailure) ex).reason()).isEqualTo(Reason.HANDLER_NOT_FOUND));
	}

	@Test
	void refusesAClassThatIsNoFunction() {
		Path jar = jar(Map.of("demo.Plain",
				"package demo; public class Plain { public String apply(String s) { return s; } }"));

		assertThatThrownBy(() -> FunctionLoader.load(jar, "demo.Plain")).isInstanceOf(LoadFailure.class)
			.satisfies((ex) -> assertThat(((LoadFailure) ex).reason()).isEqualTo(Reason.NOT_A_FUNCTION));
	}

	@Test
	void reportsAFunctionThatFailsWhileBeingCreated() {
		Path jar = jar(Map.of("demo.Broken", """
				package demo;
				public class Broken implements java.util.function.Supplier<String> {
					public Broken() { throw new IllegalStateException("no config"); }
					public String get() { return ""; }
				}"""));

		assertThatThrownBy(() -> FunctionLoader.load(jar, "demo.Broken")).isInstanceOf(LoadFailure.class)
			.satisfies((ex) -> assertThat(((LoadFailure) ex).reason()).isEqualTo(Reason.HANDLER_FAILED))
			.hasMessageContaining("no config");
	}

	@Test
	void validationPrintsWhyAFileIsRefused() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream stdout = System.out;
		int status;
		try {
			status = Validation.run(FunctionJars.notAJar(this.dir), "demo.Any", new PrintStream(out, true));
		}
		finally {
			System.setOut(stdout);
		}

		assertThat(status).isEqualTo(Validation.REFUSED);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"reason\":\"invalid_jar\"");
	}

	private Path jar(Map<String, String> sources) {
		return FunctionJars.build(this.dir, List.of(sdk()), sources);
	}

	static Path sdk() {
		try {
			return Path.of(FunctionContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(Payloads.Output output) {
		return new String(output.body(), StandardCharsets.UTF_8);
	}

}
