package dev.springbase.gateway.security;

import java.util.Arrays;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import dev.springbase.gateway.GatewayProperties.Service;

/**
 * The gateway is no resource server: it authenticates nothing itself but turns API keys
 * into platform tokens (the API key filter on the service routes) and lets each service
 * verify them. This chain replaces the platform's resource-server chain and lets every
 * request through to that filter; CORS is answered by the gateway's own filters.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain gatewaySecurityFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.cors(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/**
	 * Proxied requests skip the filter chain (the firewall still checks them): it would
	 * permit them anyway, and the services behind write their own security headers.
	 * Walking a dozen filters that decide nothing was a twentieth of the gateway's CPU
	 * per request.
	 */
	@Bean
	WebSecurityCustomizer proxiedRequestsSkipTheFilterChain() {
		String[] servicePaths = Arrays.stream(Service.values())
			.map((service) -> service.prefix() + "/**")
			.toArray(String[]::new);
		return (web) -> web.ignoring().requestMatchers(servicePaths);
	}

}
