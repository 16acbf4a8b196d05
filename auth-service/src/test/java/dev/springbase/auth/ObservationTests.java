package dev.springbase.auth;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ObservationTests extends AuthServiceTests {

	@Autowired
	ObservationRegistry observations;

	@Test
	void observesRequestsButNotEachSecurityFilter() {
		assertThat(Observation.start("spring.security.filterchains", this.observations).isNoop()).isTrue();
		assertThat(Observation.start("spring.security.authorizations", this.observations).isNoop()).isTrue();
		assertThat(Observation.start("http.server.requests", this.observations).isNoop()).isFalse();
	}

}
