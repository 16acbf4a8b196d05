package dev.springbase.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module boundaries the layout promises: services share only the platform library,
 * and controllers reach data through services, never through another feature's
 * repository.
 */
class ArchitectureTests {

	private static final List<String> SERVICES = List.of("auth", "storage", "functions", "notifications", "gateway");

	private final JavaClasses classes = importMainClasses();

	@Test
	void servicesDependOnNoOtherService() {
		for (String service : SERVICES) {
			String[] others = SERVICES.stream()
				.filter((other) -> !other.equals(service))
				.map((other) -> "dev.springbase." + other + "..")
				.toArray(String[]::new);
			noClasses().that()
				.resideInAPackage("dev.springbase." + service + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.check(this.classes);
		}
	}

	@Test
	void platformDependsOnNoService() {
		noClasses().that()
			.resideInAPackage("dev.springbase.platform..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(
					SERVICES.stream().map((service) -> "dev.springbase." + service + "..").toArray(String[]::new))
			.check(this.classes);
	}

	@Test
	void controllersDoNotTalkToRepositories() {
		noClasses().that()
			.haveSimpleNameEndingWith("Controller")
			.should()
			.dependOnClassesThat()
			.haveSimpleNameEndingWith("Repository")
			.check(this.classes);
	}

	private static JavaClasses importMainClasses() {
		Path root = Path.of(System.getProperty("springbase.root", ".."));
		List<Path> locations = List
			.of("platform", "auth-service", "storage-service", "functions-service", "notifications-service", "gateway")
			.stream()
			.map((module) -> root.resolve(module).resolve("target/classes"))
			.toList();
		locations.stream().filter((location) -> !Files.isDirectory(location)).findAny().ifPresent((missing) -> {
			throw new IllegalStateException("Compile every module first; missing " + missing);
		});
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPaths(locations);
	}

}
