package dev.springbase.functions.triggers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Triggers travel on the platform's event backbone, so they exist where it is on
 * ({@code springbase.events.enabled}, the default of the functions service).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("springbase.events.enabled")
@EnableConfigurationProperties(TriggersProperties.class)
class TriggersConfiguration {

}
