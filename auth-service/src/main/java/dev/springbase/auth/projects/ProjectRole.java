package dev.springbase.auth.projects;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A console account's role in a project. */
public enum ProjectRole {

	/** Everything, including deleting the project and managing members. */
	OWNER,

	/** Everything but deleting the project and managing members. */
	DEVELOPER,

	/** Read only. */
	VIEWER;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static ProjectRole of(String value) {
		return Arrays.stream(values())
			.filter((role) -> role.value().equals(value))
			.findFirst()
			.orElseThrow(() -> ProjectException.invalidRole(value));
	}

	boolean allows(ProjectAccess.Action action) {
		return switch (action) {
			case READ -> true;
			case WRITE -> this != VIEWER;
			case MANAGE -> this == OWNER;
		};
	}

}
