package dev.springbase.gateway.keys;

import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import dev.springbase.gateway.GatewayProperties;
import dev.springbase.platform.security.PlatformSecurityAutoConfiguration;
import dev.springbase.platform.security.PlatformSecurityProperties;

@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

	/**
	 * Verifies platform tokens like every service does, with the signing keys fetched
	 * from the auth service this gateway routes to.
	 */
	@Bean
	JwtDecoder jwtDecoder(GatewayProperties gateway, PlatformSecurityProperties security,
			ClientHttpRequestFactoryBuilder<?> requestFactories) {
		String jwksUri = UriComponentsBuilder.fromUri(gateway.services().auth())
			.path("/auth/v1/.well-known/jwks.json")
			.toUriString();
		RestTemplate jwksClient = new RestTemplate(requestFactories
			.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))));
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.restOperations(jwksClient)
			.build();
		decoder.setJwtValidator(PlatformSecurityAutoConfiguration.platformTokenValidator(security.issuer()));
		return decoder;
	}

}
