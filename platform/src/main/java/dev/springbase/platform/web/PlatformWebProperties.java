package dev.springbase.platform.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

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
 * @param parsedBodyPaths the servlet URL patterns the cap applies to; narrowed where a
 * service streams JSON or text bodies, such as uploaded files, and limits them itself
 * @param socketReadBufferSize how much Tomcat reads from a socket at once (its
 * {@code socket.appReadBufSize}, 8 KiB unless set); larger in a service that streams
 * large bodies, at that much heap per open connection
 * @param socketWriteBufferSize how much Tomcat writes to a socket at once (its
 * {@code socket.appWriteBufSize}, 8 KiB unless set: a larger response write is copied and
 * sent in pieces of that size); larger in a service that streams large bodies, at that
 * much heap per open connection
 */
@ConfigurationProperties("springbase.http")
public record PlatformWebProperties(@DefaultValue("1MB") DataSize maxParsedBodySize,
		@DefaultValue("true") boolean limitParsedBodies, @DefaultValue("/*") List<String> parsedBodyPaths,
		@Nullable DataSize socketReadBufferSize, @Nullable DataSize socketWriteBufferSize) {

}
