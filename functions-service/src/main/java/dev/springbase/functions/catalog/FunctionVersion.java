package dev.springbase.functions.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * One deployed JAR of a function.
 *
 * @param number counts up from 1 per function
 * @param handler the class, or {@code Class::method}, that yields the function
 * @param kind {@code function}, {@code consumer} or {@code supplier}
 */
record FunctionVersion(UUID id, UUID functionId, int number, String handler, String kind, String jarSha256,
		long jarSize, Instant createdAt) {

}
