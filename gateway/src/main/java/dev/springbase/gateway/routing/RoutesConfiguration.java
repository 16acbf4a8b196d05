package dev.springbase.gateway.routing;

import java.util.Arrays;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import dev.springbase.gateway.GatewayProperties;
import dev.springbase.gateway.GatewayProperties.Service;
import dev.springbase.gateway.keys.ApiKeyFilter;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

/**
 * One route per service: {@code /<service>/v1/**} goes to that service with the path and
 * query unchanged, behind the API key filter.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

	@Bean
	RouterFunction<ServerResponse> serviceRoutes(GatewayProperties properties, ApiKeyFilter apiKeyFilter) {
		return Arrays.stream(Service.values())
			.map((service) -> route(service.id()).route(RequestPredicates.path(service.prefix() + "/**"), http())
				.filter(ProblemFilter.forService(service))
				.filter(apiKeyFilter)
				.before(uri(properties.services().of(service)))
				.build())
			.reduce(RouterFunction::and)
			.orElseThrow();
	}

}
