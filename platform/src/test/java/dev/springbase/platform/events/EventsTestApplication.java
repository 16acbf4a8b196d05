package dev.springbase.platform.events;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * A service that only has the event backbone, for the tests and their child processes. A
 * test configuration, so the component scan of the other platform tests skips it.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class EventsTestApplication {

}
