package dev.springbase.gateway.docs;

import java.util.Arrays;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import dev.springbase.gateway.GatewayProperties;
import dev.springbase.gateway.GatewayProperties.Service;
import dev.springbase.gateway.routing.ProblemFilter;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.preserveHostHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

/**
 * {@code /docs/<service>/openapi.json} is each service's OpenAPI document, which the
 * Swagger UI at {@code /docs} lists. The Host header is kept so that the documents name
 * the gateway as their server and "Try it out" goes through it.
 */
@Configuration(proxyBeanMethods = false)
class DocsRoutes {

	@Bean
	RouterFunction<ServerResponse> openApiDocumentRoutes(GatewayProperties properties) {
		return Arrays.stream(Service.values())
			.map((service) -> route("docs-" + service.id()).GET("/docs/" + service.id() + "/openapi.json", http())
				.filter(ProblemFilter.forService(service))
				.before(uri(properties.services().of(service)))
				.before(setPath("/v3/api-docs"))
				.before(preserveHostHeader())
				.build())
			.reduce(RouterFunction::and)
			.orElseThrow();
	}

}
