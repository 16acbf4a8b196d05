package dev.springbase.functions.database;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of project databases ({@code springbase.functions.database.*}).
 *
 * @param url the JDBC URL that project roles (the SQL API and workers) connect with; by
 * default the service's own, without its user and password
 * @param statementTimeout the default {@code statement_timeout} of project roles, and the
 * limit of each statement run through the SQL API
 * @param idleInTransactionTimeout how long a project connection may sit idle inside a
 * transaction before the server ends it
 * @param connectionLimit the most connections a project role may hold at once, over the
 * SQL API and all of the project's workers
 * @param maxRows the most rows the SQL API returns for one statement
 */
@Validated
@ConfigurationProperties("springbase.functions.database")
public record DatabaseProperties(@Nullable String url, @DefaultValue("30s") Duration statementTimeout,
		@DefaultValue("60s") Duration idleInTransactionTimeout,
		@DefaultValue("20") @Min(1) @Max(1000) int connectionLimit,
		@DefaultValue("1000") @Min(1) @Max(100000) int maxRows) {

}
