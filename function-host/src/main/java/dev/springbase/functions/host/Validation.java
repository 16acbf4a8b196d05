package dev.springbase.functions.host;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code validate} mode: loads a handler as a worker would and prints one JSON line
 * with the outcome. Anything the handler prints while loading goes to standard error, so
 * standard output carries only that line.
 */
final class Validation {

	static final int REFUSED = 2;

	private Validation() {
	}

	static int run(Path jar, String handler, PrintStream out) {
		System.setOut(System.err);
		Map<String, Object> answer = new LinkedHashMap<>();
		int status;
		try {
			LoadedFunction function = FunctionLoader.load(jar, handler);
			answer.put("ok", true);
			answer.put("kind", function.kind().word());
			answer.put("inputType", function.input().getTypeName());
			status = 0;
		}
		catch (LoadFailure ex) {
			answer.put("ok", false);
			answer.put("reason", ex.reason().code());
			answer.put("message", ex.getMessage());
			status = REFUSED;
		}
		out.println(JsonMapper.builder().build().writeValueAsString(answer));
		out.flush();
		return status;
	}

}
