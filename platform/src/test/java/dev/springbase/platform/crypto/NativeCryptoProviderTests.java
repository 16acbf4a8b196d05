package dev.springbase.platform.crypto;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service that starts gets the native provider first, through the platform alone.
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class NativeCryptoProviderTests {

	@BeforeEach
	@AfterEach
	void jdkProvidersOnly() {
		Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
	}

	@Test
	void startingAnApplicationPutsTheNativeProviderFirst() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(Security.getProviders()[0].getName()).isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
			KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
			Signature signer = Signature.getInstance("SHA256withRSA");
			signer.initSign(keys.getPrivate());
			signer.update(new byte[] { 1, 2, 3 });
			byte[] signature = signer.sign();
			assertThat(signer.getProvider().getName()).isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);

			Signature jdkVerifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
			jdkVerifier.initVerify(keys.getPublic());
			jdkVerifier.update(new byte[] { 1, 2, 3 });
			assertThat(jdkVerifier.verify(signature)).isTrue();
		}
	}

	@Test
	void leavesTheJdkProvidersAloneWhenSwitchedOff() throws Exception {
		try (ConfigurableApplicationContext context = start(NativeCryptoProvider.ENABLED + "=false")) {
			assertThat(Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME)).isNull();
			assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isEqualTo("SunRsaSign");
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).properties(properties).run();
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
