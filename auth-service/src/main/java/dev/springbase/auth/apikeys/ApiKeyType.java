package dev.springbase.auth.apikeys;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.springbase.platform.security.Caller;

/** The two kinds of project API key. */
enum ApiKeyType {

	/** Shipped in apps: identifies the project and acts as {@code anon}. */
	PUBLISHABLE(Caller.ROLE_ANON),

	/** For servers only: full access within the project. */
	SECRET(Caller.ROLE_SERVICE);

	private final String role;

	ApiKeyType(String role) {
		this.role = role;
	}

	@JsonValue
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The platform role tokens minted for this kind of key carry. */
	String role() {
		return this.role;
	}

	/** What every key of this type starts with, so that leaked keys are easy to spot. */
	String keyPrefix() {
		return "sb_" + value() + "_";
	}

	@JsonCreator
	static ApiKeyType of(String value) {
		return Arrays.stream(values())
			.filter((type) -> type.value().equals(value))
			.findFirst()
			.orElseThrow(() -> ApiKeyException.invalidType(value));
	}

}
