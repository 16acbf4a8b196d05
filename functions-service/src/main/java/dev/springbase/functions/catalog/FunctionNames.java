package dev.springbase.functions.catalog;

import java.util.Set;
import java.util.regex.Pattern;

/** Function names are the last word of their trigger path, POST /functions/v1/{name}. */
final class FunctionNames {

	/** Words of the functions API's own paths. */
	static final Set<String> RESERVED = Set.of("functions", "invocations", "events", "whoami");

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

	/** Environment variable and secret names, as shells know them. */
	static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

	private FunctionNames() {
	}

	static String check(String name) {
		if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
			throw FunctionException.invalidName(name);
		}
		return name;
	}

}
