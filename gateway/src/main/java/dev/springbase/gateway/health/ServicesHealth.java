package dev.springbase.gateway.health;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.springbase.gateway.GatewayProperties;
import dev.springbase.gateway.GatewayProperties.Service;

/**
 * Asks every service for its actuator health, all at once and briefly: a hung service
 * shows up as DOWN within the timeout instead of hanging the check.
 */
@Component
class ServicesHealth {

	static final String UP = "UP";

	static final String DOWN = "DOWN";

	private static final HttpClientSettings TIMEOUTS = HttpClientSettings.defaults()
		.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

	private final RestClient client;

	private final GatewayProperties.Services services;

	ServicesHealth(RestClient.Builder builder, ClientHttpRequestFactoryBuilder<?> requestFactories,
			GatewayProperties properties) {
		this.client = builder.requestFactory(requestFactories.build(TIMEOUTS)).build();
		this.services = properties.services();
	}

	Report check() {
		Map<Service, Future<ServiceHealth>> checks = new EnumMap<>(Service.class);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Service service : Service.values()) {
				checks.put(service, executor.submit(() -> check(service)));
			}
		}
		Map<String, ServiceHealth> results = new LinkedHashMap<>();
		checks.forEach((service, check) -> results.put(service.id(), outcome(check)));
		boolean allUp = results.values().stream().allMatch((health) -> UP.equals(health.status()));
		return new Report(allUp ? UP : DOWN, results);
	}

	private ServiceHealth check(Service service) {
		try {
			return this.client.get()
				.uri(this.services.of(service).resolve("/actuator/health"))
				.exchange((request, response) -> {
					Status body = response.getStatusCode().isError() ? null : response.bodyTo(Status.class);
					if (body != null && UP.equals(body.status())) {
						return new ServiceHealth(UP, null);
					}
					return new ServiceHealth(DOWN, "answered " + response.getStatusCode().value());
				});
		}
		catch (RestClientException ex) {
			return new ServiceHealth(DOWN, "unreachable");
		}
	}

	private static ServiceHealth outcome(Future<ServiceHealth> check) {
		try {
			return check.get();
		}
		catch (ExecutionException ex) {
			return new ServiceHealth(DOWN, "check failed");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ServiceHealth(DOWN, "check interrupted");
		}
	}

	record Report(String status, Map<String, ServiceHealth> services) {

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ServiceHealth(String status, @Nullable String detail) {

	}

	record Status(@Nullable String status) {

	}

}
