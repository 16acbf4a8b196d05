package dev.springbase.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.ConsoleRoles.Role;
import dev.springbase.testsupport.AuthStandIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Console roles come from the auth service and are reused for a short time, answers that
 * the project is not visible too.
 */
class ConsoleRolesTests {

	private static final AuthStandIn auth = new AuthStandIn();

	private static final JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(auth.jwksUri()).build();

	@AfterAll
	static void stopAuth() {
		auth.close();
	}

	@Test
	void asksTheAuthServiceOncePerAccountAndProjectWithinTheCacheTime() throws Exception {
		ConsoleRoles roles = new ConsoleRoles(URI.create(auth.url()), "test", Duration.ofMillis(500));
		UUID project = UUID.randomUUID();
		UUID otherProject = UUID.randomUUID();
		UUID account = UUID.randomUUID();
		auth.addMember(project, account, "developer");
		auth.addMember(otherProject, account, "viewer");
		Caller caller = accountCaller(account, false);
		int before = auth.memberLookups();

		assertThat(roles.roleOf(caller, project)).isEqualTo(Role.DEVELOPER);
		assertThat(roles.roleOf(caller, project)).isEqualTo(Role.DEVELOPER);
		assertThat(roles.roleOf(caller, otherProject)).isEqualTo(Role.VIEWER);
		assertThat(auth.memberLookups() - before).isEqualTo(2);

		auth.addMember(project, account, "owner");
		Thread.sleep(600);
		assertThat(roles.roleOf(caller, project)).as("after the cache time").isEqualTo(Role.OWNER);
		assertThat(auth.memberLookups() - before).isEqualTo(3);
	}

	@Test
	void aProjectThatIsNotVisibleIsNotFoundAndThatAnswerIsReusedToo() {
		ConsoleRoles roles = new ConsoleRoles(URI.create(auth.url()), "test", Duration.ofMinutes(1));
		UUID project = UUID.randomUUID();
		Caller stranger = accountCaller(UUID.randomUUID(), false);
		int before = auth.memberLookups();

		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> roles.roleOf(stranger, project)).isInstanceOfSatisfying(ApiException.class,
					(ex) -> assertThat(ex.getCode()).isEqualTo("test.project_not_found"));
		}
		assertThat(auth.memberLookups() - before).isEqualTo(1);
		assertThat(roles.roleOf(accountCaller(UUID.randomUUID(), true), project))
			.as("a platform admin owns every project")
			.isEqualTo(Role.OWNER);
	}

	@Test
	void scopesAConsoleCallToTheProjectItNamesAndAKeyToItsOwn() {
		ConsoleRoles roles = new ConsoleRoles(URI.create(auth.url()), "test");
		UUID project = UUID.randomUUID();
		UUID account = UUID.randomUUID();
		auth.addMember(project, account, "viewer");
		Caller member = accountCaller(account, false);
		Caller key = Caller.from(decoder.decode(auth.secretKeyToken(project)));

		assertThat(roles.scopeOf(member, project.toString())).isEqualTo(new ConsoleRoles.Scope(project, Role.VIEWER));
		assertThatThrownBy(() -> roles.scopeOf(member, null)).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.getCode()).isEqualTo("test.project_required"));
		assertThat(roles.scopeOf(key, null)).isEqualTo(new ConsoleRoles.Scope(project, null));
		assertThat(roles.scopeOf(key, project.toString())).isEqualTo(new ConsoleRoles.Scope(project, null));
		assertThatThrownBy(() -> roles.scopeOf(key, UUID.randomUUID().toString())).as("a key names no other project")
			.isInstanceOfSatisfying(ApiException.class,
					(ex) -> assertThat(ex.getCode()).isEqualTo("test.project_not_found"));
	}

	private static Caller accountCaller(UUID account, boolean admin) {
		return Caller.from(decoder.decode(auth.accountToken(account, admin)));
	}

}
