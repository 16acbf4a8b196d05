package dev.springbase.auth;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.springbase.testsupport.FreshDatabase;

/**
 * Runs the auth service on a random port against a fresh database of its own, with a
 * client for its API. A test class that needs other settings declares its own
 * {@code @SpringBootTest}.
 */
@FreshDatabase
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AuthServiceTests {

	@LocalServerPort
	protected int port;

	protected TestApi api;

	@BeforeEach
	void startClient() {
		this.api = new TestApi(this.port);
	}

}
