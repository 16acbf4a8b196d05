package dev.springbase.functions.catalog;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Starts the warm instances of functions that keep some once the service is up (its
 * runtime API listening), so that they survive a restart of the service.
 */
@Component
class WarmStart implements ApplicationRunner {

	private final FunctionService functions;

	WarmStart(FunctionService functions) {
		this.functions = functions;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.functions.warmKeptInstances();
	}

}
