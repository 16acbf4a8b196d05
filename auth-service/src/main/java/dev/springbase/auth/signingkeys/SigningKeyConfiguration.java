package dev.springbase.auth.signingkeys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.crypto.MasterKey;
import dev.springbase.platform.security.PlatformSecurityAutoConfiguration;
import dev.springbase.platform.security.PlatformSecurityProperties;

@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

	@Bean
	MasterKey masterKey(AuthProperties properties) {
		return MasterKey.load(properties.masterKey(), properties.dataDir(), "springbase.auth");
	}

	/**
	 * Verifies platform tokens against the keys in the database, so this service never
	 * calls its own JWKS endpoint (the platform's decoder backs off for this bean).
	 */
	@Bean
	JwtDecoder jwtDecoder(SigningKeyService keys, PlatformSecurityProperties security) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(
				new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, (selector, context) -> keys.select(selector)));
		// Claims are checked by Spring's validators below, as for every other service.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(
				PlatformSecurityAutoConfiguration.platformTokenValidator(security.issuer(), security.clockSkew()));
		return decoder;
	}

	/** Makes the first signing key on first start, before any token is asked for. */
	@Bean
	ApplicationRunner signingKeyBootstrap(SigningKeyService keys) {
		return (args) -> keys.signer();
	}

}
