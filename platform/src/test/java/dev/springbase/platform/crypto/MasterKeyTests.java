package dev.springbase.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.errors.ProblemDetailsAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class MasterKeyTests {

	@TempDir
	Path dataDir;

	@TempDir
	Path otherDataDir;

	@Test
	void namesTheSecretTheKeyInUseAndWhatToSetWhenAnotherKeyEncryptedIt() {
		byte[] ciphertext = MasterKey.load(null, this.otherDataDir, "test")
			.encrypt("secret".getBytes(StandardCharsets.UTF_8), "owner");
		MasterKey key = MasterKey.load(null, this.dataDir, "test");

		assertThatThrownBy(() -> key.decrypt(ciphertext, "owner", "client secret of provider google"))
			.isInstanceOfSatisfying(MasterKeyMismatch.class, (ex) -> {
				assertThat(ex.getDescription()).isEqualTo(
						"The client secret of provider google in the database was encrypted with another master key than the one in "
								+ this.dataDir.resolve("master-key.json").toAbsolutePath() + ".");
				assertThat(ex.getAction()).contains("test.master-key / SPRINGBASE_MASTER_KEY", "test.data-dir",
						"an empty database");
			});
	}

	@Test
	void namesTheSettingWhenTheKeyIsConfigured() throws Exception {
		MasterKey.load(null, this.dataDir, "test");
		String configured = Files.readString(this.dataDir.resolve("master-key.json"));
		byte[] ciphertext = MasterKey.load(null, this.otherDataDir, "test")
			.encrypt("secret".getBytes(StandardCharsets.UTF_8), "owner");

		assertThatThrownBy(() -> MasterKey.load(configured, this.otherDataDir.resolve("unused"), "test")
			.decrypt(ciphertext, "owner", "signing key k1"))
			.isInstanceOfSatisfying(MasterKeyMismatch.class, (ex) -> assertThat(ex.getDescription())
				.endsWith("another master key than the one set in test.master-key (SPRINGBASE_MASTER_KEY)."));
	}

	@Test
	void aSecretReadDuringARequestAnswersAProblemThatLeaksNoPath() throws Exception {
		byte[] ciphertext = MasterKey.load(null, this.otherDataDir, "test")
			.encrypt("secret".getBytes(StandardCharsets.UTF_8), "owner");
		MasterKey key = MasterKey.load(null, this.dataDir, "test");
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new SecretController(key, ciphertext))
			.setControllerAdvice(new ProblemDetailsAdvice(null))
			.build();

		String body = mvc.perform(get("/secret"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.code").value("internal.master_key_mismatch"))
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain(this.dataDir.toString(), "decryption failed");
	}

	@RestController
	record SecretController(MasterKey key, byte[] ciphertext) {

		@GetMapping("/secret")
		String secret() {
			return new String(this.key.decrypt(this.ciphertext, "owner", "test secret"), StandardCharsets.UTF_8);
		}

	}

}
