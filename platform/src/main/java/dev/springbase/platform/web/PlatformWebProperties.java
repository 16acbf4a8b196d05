package dev.springbase.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings shared by every service.
 *
 * @param maxParsedBodySize the largest JSON, form or text body a service reads into
 * memory
 * @param limitParsedBodies whether to cap such bodies at {@code maxParsedBodySize}; off
 * only in an application that streams every body on without parsing it, such as the
 * gateway
 */
@ConfigurationProperties("springbase.http")
public record PlatformWebProperties(@DefaultValue("1MB") DataSize maxParsedBodySize,
		@DefaultValue("true") boolean limitParsedBodies) {

}
