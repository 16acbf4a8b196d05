package dev.springbase.functions.tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;

import dev.springbase.functions.FunctionsClient.Reply;
import dev.springbase.functions.FunctionsServiceTests;
import dev.springbase.platform.crypto.FunctionTokenProof;
import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.testsupport.AuthStandIn.FunctionTokenRequest;
import dev.springbase.testsupport.FunctionJars;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each function gets a token of its own from the auth service, asked for with a proof
 * made with the master key, kept while it outlasts the invocation, and handed to every
 * invocation's storage client.
 */
class FunctionTokensTests extends FunctionsServiceTests {

	@Autowired
	FunctionTokens tokens;

	@Autowired
	MasterKey masterKey;

	@TempDir
	Path work;

	@Test
	void asksWithAProofOfTheMasterKeyAndKeepsTheTokenWhileItLasts() {
		UUID function = UUID.randomUUID();

		String first = this.tokens.tokenFor(this.project, function, Duration.ofSeconds(30));
		String second = this.tokens.tokenFor(this.project, function, Duration.ofSeconds(30));

		assertThat(first).isNotNull().isEqualTo(second);
		List<FunctionTokenRequest> requests = auth.functionTokenRequests(this.project);
		assertThat(requests).hasSize(1);
		assertThat(requests.getFirst().functionId()).isEqualTo(function);
		FunctionTokenProof proof = FunctionTokenProof.open(this.masterKey, requests.getFirst().proof()).orElseThrow();
		assertThat(proof.projectId()).isEqualTo(this.project);
		assertThat(proof.functionId()).isEqualTo(function);
		assertThat(proof.isFreshAt(Instant.now())).isTrue();
	}

	@Test
	void asksAgainWhenTheKeptTokenWouldExpireBeforeTheInvocationCouldEnd() {
		UUID function = UUID.randomUUID();

		// The stand-in's tokens last five minutes.
		String first = this.tokens.tokenFor(this.project, function, Duration.ofMinutes(10));
		String second = this.tokens.tokenFor(this.project, function, Duration.ofMinutes(10));

		assertThat(first).isNotNull();
		assertThat(second).isNotNull();
		assertThat(auth.functionTokenRequests(this.project)).hasSize(2);
	}

	@Test
	void eachFunctionHasATokenOfItsOwn() {
		UUID one = UUID.randomUUID();
		UUID other = UUID.randomUUID();

		String oneToken = this.tokens.tokenFor(this.project, one, Duration.ofSeconds(30));
		String otherToken = this.tokens.tokenFor(this.project, other, Duration.ofSeconds(30));

		assertThat(oneToken).isNotEqualTo(otherToken);
		assertThat(auth.functionTokenRequests(this.project)).extracting(FunctionTokenRequest::functionId)
			.containsExactly(one, other);
	}

	@Test
	void aRefusalGivesNoTokenAndIsNotKept() {
		auth.refuseFunctionTokens(this.project);
		UUID function = UUID.randomUUID();

		assertThat(this.tokens.tokenFor(this.project, function, Duration.ofSeconds(30))).isNull();
		assertThat(this.tokens.tokenFor(this.project, function, Duration.ofSeconds(30))).isNull();
		assertThat(auth.functionTokenRequests(this.project)).hasSize(2);
	}

	@Test
	void anInvocationsStorageClientCallsTheStorageServiceWithTheFunctionsToken() {
		String name = uniqueName("store");
		deployStorageCaller(name);

		Reply first = this.api.post("/functions/v1/" + name, this.secret, "go");
		Reply second = this.api.post("/functions/v1/" + name, this.secret, "go");

		// The storage service of these tests is closed: reaching for it shows the token
		// and its address arrived.
		assertThat(first.text()).as(first.text()).isEqualTo("storage.unreachable " + CLOSED_STORAGE_URL);
		assertThat(second.text()).isEqualTo(first.text());
		String functionId = String
			.valueOf(this.api.get("/functions/v1/functions/" + name, this.secret).json().get("id"));
		assertThat(auth.functionTokenRequests(this.project)).extracting((request) -> request.functionId().toString())
			.containsExactly(functionId);
	}

	@Test
	void anInvocationWithoutATokenStillRunsAndItsStorageCallsFail() {
		auth.refuseFunctionTokens(this.project);
		String name = uniqueName("store");
		deployStorageCaller(name);

		Reply invoked = this.api.post("/functions/v1/" + name, this.secret, "go");

		assertThat(invoked.status()).isEqualTo(200);
		assertThat(invoked.text()).startsWith("functions.token_unavailable ");
	}

	@Test
	void anInvocationWhoseTokenRunsOutMeanwhileGetsAFreshOneForItsStorageCalls() {
		// Tokens that live 65 s, less than the time a function may run: one handed out
		// with the invocation is within a minute of its expiry after a few seconds.
		auth.functionTokenLifetime(this.project, Duration.ofSeconds(65));
		String name = uniqueName("long");
		Path jar = FunctionJars.build(this.work, List.of(sdk()), Map.of("demo.Slow", """
				package demo;

				import dev.springbase.functions.sdk.FunctionContext;
				import dev.springbase.functions.sdk.storage.StorageException;

				public class Slow implements java.util.function.Function<String, String> {

					public String apply(String input) {
						StringBuilder codes = new StringBuilder();
						for (int call = 0; call < 2; call++) {
							try {
								if (call == 1) {
									Thread.sleep(7000);
								}
								FunctionContext.current().storage().exists("photos", "cat.png");
							}
							catch (StorageException ex) {
								codes.append(ex.code()).append(' ');
							}
							catch (InterruptedException ex) {
								throw new IllegalStateException(ex);
							}
							codes.append("asked ");
						}
						return codes.toString().strip();
					}

				}"""));
		assertThat(this.api.deploy(name, this.secret, jar, "demo.Slow").status()).isEqualTo(201);

		Reply invoked = this.api.post("/functions/v1/" + name, this.secret, "go");

		assertThat(invoked.text()).isEqualTo("storage.unreachable asked storage.unreachable asked");
		// One token with the invocation, kept for the first call while it lasted more
		// than
		// a minute, a fresh one for the second.
		assertThat(auth.functionTokenRequests(this.project)).hasSize(2);
	}

	private void deployStorageCaller(String name) {
		Path jar = FunctionJars.build(this.work, List.of(sdk()), Map.of("demo.Store", """
				package demo;

				import dev.springbase.functions.sdk.FunctionContext;
				import dev.springbase.functions.sdk.storage.StorageException;

				public class Store implements java.util.function.Function<String, String> {

					public String apply(String input) {
						try {
							return "exists " + FunctionContext.current().storage().exists("photos", "cat.png");
						}
						catch (StorageException ex) {
							return ex.code() + " " + ex.getMessage().replaceAll(".* at (\\\\S+) .*", "$1");
						}
					}

				}"""));
		Reply deployed = this.api.deploy(name, this.secret, jar, "demo.Store");
		assertThat(deployed.status()).as(deployed.text()).isEqualTo(201);
	}

}
