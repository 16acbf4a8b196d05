package dev.springbase.gateway;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

final class TestClients {

	private TestClients() {
	}

	/**
	 * A client of the gateway that hands back every status instead of throwing, and never
	 * retries (Apache HttpClient, which the gateway brings, would retry a 429).
	 */
	static RestClient gateway(int port) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	static void assertProblem(ResponseEntity<Map> response, int status, String code) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.isTrue();
		assertThat(response.getBody()).containsEntry("code", code).containsKey("requestId");
	}

}
