package dev.springbase.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the annotated Spring test class its own empty PostgreSQL database, set as
 * {@code spring.datasource.*} and as a {@link PostgresServer.Database} bean (to stage an
 * {@linkplain PostgresServer.Database#outage() outage}, say). The server is resolved once
 * per JVM by {@link PostgresServer}; the database is dropped when the context closes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface FreshDatabase {

}
