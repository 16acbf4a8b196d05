package dev.springbase.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service verifies platform JWTs.
 *
 * @param jwksUri where the auth service publishes its signing keys
 * @param issuer the issuer every platform token must carry
 * @param publicPaths path patterns that need no token (besides health, metrics and docs)
 * @param clockSkew how far clocks of issuer and verifier may differ when checking expiry
 */
@Validated
@ConfigurationProperties("springbase.security")
public record PlatformSecurityProperties(
		@DefaultValue("http://localhost:8081/auth/v1/.well-known/jwks.json") URI jwksUri,
		@DefaultValue("http://localhost:8080/auth/v1") String issuer, @DefaultValue List<String> publicPaths,
		@DefaultValue("30s") Duration clockSkew) {

}
