package dev.springbase.functions.host;

import java.lang.reflect.Type;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A handler ready to run, with the types its input and output are bound to.
 *
 * @param kind which of the three shapes it has
 * @param target the function object
 * @param input what the request body is bound to (unused for a supplier)
 * @param output what the function declares it returns ({@code Void} for a consumer)
 * @param loader the deployment's class loader, the context class loader while it runs
 */
record LoadedFunction(Kind kind, Object target, Type input, Type output, ClassLoader loader) {

	enum Kind {

		FUNCTION(Function.class), CONSUMER(Consumer.class), SUPPLIER(Supplier.class);

		private final Class<?> type;

		Kind(Class<?> type) {
			this.type = type;
		}

		Class<?> type() {
			return this.type;
		}

		String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	static LoadedFunction of(Kind kind, Object target, Type[] arguments, ClassLoader loader) {
		Type input = (kind == Kind.SUPPLIER) ? Void.class : arguments[0];
		Type output = switch (kind) {
			case FUNCTION -> arguments[1];
			case SUPPLIER -> arguments[0];
			case CONSUMER -> Void.class;
		};
		return new LoadedFunction(kind, target, input, output, loader);
	}

	/**
	 * Runs the function on one request body.
	 * @throws Payloads.InvalidInput when the body does not fit the input type
	 */
	@SuppressWarnings("unchecked")
	Payloads.Output invoke(byte[] body, Payloads payloads) {
		Object argument = (this.kind == Kind.SUPPLIER) ? null : payloads.read(body, this.input);
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(this.loader);
		try {
			Object result = switch (this.kind) {
				case FUNCTION -> ((Function<Object, Object>) this.target).apply(argument);
				case CONSUMER -> {
					((Consumer<Object>) this.target).accept(argument);
					yield null;
				}
				case SUPPLIER -> ((Supplier<Object>) this.target).get();
			};
			return payloads.write(result);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

}
