package dev.springbase.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings shared by every service.
 *
 * @param maxParsedBodySize the largest JSON, form or text body a service reads into
 * memory
 */
@ConfigurationProperties("springbase.http")
public record PlatformWebProperties(@DefaultValue("1MB") DataSize maxParsedBodySize) {

}
