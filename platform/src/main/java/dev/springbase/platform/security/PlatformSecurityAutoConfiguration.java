package dev.springbase.platform.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service is an OAuth2 resource server that trusts only tokens signed by the auth
 * service (JWKS, cached and refetched when an unknown key id shows up) and carrying the
 * platform issuer and a known kind.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class })
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public class PlatformSecurityAutoConfiguration {

	private static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

	private static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health/**", "/actuator/health",
			"/actuator/info", "/actuator/prometheus", "/v3/api-docs/**", "/v3/api-docs", "/error");

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(PlatformSecurityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		decoder.setJwtValidator(platformTokenValidator(properties.issuer(), properties.clockSkew()));
		return decoder;
	}

	/**
	 * Issuer, expiry and a known {@code kind}: what every platform token must satisfy.
	 */
	public static OAuth2TokenValidator<Jwt> platformTokenValidator(String issuer) {
		return platformTokenValidator(issuer, DEFAULT_CLOCK_SKEW);
	}

	public static OAuth2TokenValidator<Jwt> platformTokenValidator(String issuer, Duration clockSkew) {
		List<String> kinds = Arrays.stream(Caller.Kind.values()).map(Caller.Kind::claimValue).toList();
		return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(clockSkew),
				new JwtIssuerValidator(issuer),
				new JwtClaimValidator<String>(PlatformClaims.KIND, (kind) -> kind != null && kinds.contains(kind)));
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, PlatformSecurityProperties properties)
			throws Exception {
		List<String> publicPaths = new ArrayList<>(ALWAYS_PUBLIC);
		publicPaths.addAll(properties.publicPaths());
		ProblemSecurityHandlers handlers = new ProblemSecurityHandlers();
		return http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(publicPaths.toArray(String[]::new))
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			}).authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.build();
	}

	@Bean
	@ConditionalOnProperty("springbase.api-prefix")
	WhoAmIController whoAmIController() {
		return new WhoAmIController();
	}

	@Bean
	WebMvcConfigurer callerArgumentResolverConfigurer() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}
		};
	}

}
