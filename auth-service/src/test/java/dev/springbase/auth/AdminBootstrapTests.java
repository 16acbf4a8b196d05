package dev.springbase.auth;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.springbase.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the service twice on one database, as an operator would. */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTests {

	private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

	@Test
	void generatedPasswordIsPrintedOnceAndWorks(CapturedOutput output) {
		PostgresServer.Database database = PostgresServer.get().createDatabase("AdminBootstrapTests");
		try {
			String password;
			try (ConfigurableApplicationContext first = start(database)) {
				Matcher printed = PRINTED_PASSWORD.matcher(output.getAll());
				assertThat(printed.find()).as("the generated password is logged").isTrue();
				password = printed.group(1);
				assertThat(password).hasSizeGreaterThanOrEqualTo(20);
				assertThat(output.getAll()).contains("first@test.local");
				new TestApi(port(first)).login("first@test.local", password);
			}
			int printedBefore = count(output.getAll());
			try (ConfigurableApplicationContext second = start(database)) {
				assertThat(count(output.getAll())).as("not printed again").isEqualTo(printedBefore).isEqualTo(1);
				TestApi api = new TestApi(port(second));
				String token = api.login("first@test.local", password);
				assertThat(api.get("/auth/v1/console/me", token).body()).containsEntry("admin", true);
				assertThat(api
					.post("/auth/v1/console/login", null,
							Map.of("email", "admin@test.local", "password", TestApi.ADMIN_PASSWORD))
					.code()).as("no second admin").isEqualTo("auth.invalid_credentials");
			}
		}
		finally {
			database.drop();
		}
	}

	private static ConfigurableApplicationContext start(PostgresServer.Database database) {
		return new SpringApplicationBuilder(AuthApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(),
				"--springbase.auth.bootstrap.admin-email=first@test.local",
				"--springbase.auth.bootstrap.admin-password=");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static int count(String output) {
		Matcher matcher = PRINTED_PASSWORD.matcher(output);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
