package dev.springbase.functions.host;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.springbase.functions.host.LoadFailure.Reason;

/**
 * Finds the named handler in a deployed JAR, plain or Spring Boot executable
 * ({@link DeploymentClassPath}). A handler is either a class implementing
 * {@link Function}, {@link Consumer} or {@link Supplier} with a no-argument constructor
 * ({@code com.acme.Thumbnail}), or a no-argument method returning one, as a Spring Cloud
 * Function {@code @Bean} method does ({@code com.acme.Functions::uppercase}); an instance
 * method's class is created with its no-argument constructor. The input and output types
 * come from the generic signature, so JSON is bound to the types the function declares.
 */
final class FunctionLoader {

	static final Pattern HANDLER = Pattern
		.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?");

	private FunctionLoader() {
	}

	static LoadedFunction load(Path jar, String handler) throws LoadFailure {
		if (!HANDLER.matcher(handler).matches()) {
			throw new LoadFailure(Reason.HANDLER_NOT_FOUND, "'" + handler
					+ "' is not a handler: name a class (com.acme.Greet) or a method (com.acme.Functions::greet)");
		}
		UserCodeClassLoader loader = new UserCodeClassLoader(DeploymentClassPath.of(jar),
				FunctionLoader.class.getClassLoader());
		int separator = handler.indexOf("::");
		String className = (separator < 0) ? handler : handler.substring(0, separator);
		Class<?> type = loadClass(loader, className);
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(loader);
		try {
			return (separator < 0) ? fromClass(type, loader)
					: fromMethod(type, handler.substring(separator + 2), loader);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	private static Class<?> loadClass(ClassLoader loader, String className) throws LoadFailure {
		try {
			return Class.forName(className, false, loader);
		}
		catch (ClassNotFoundException ex) {
			throw new LoadFailure(Reason.HANDLER_NOT_FOUND, "The JAR has no class " + className
					+ "; name the handler by its fully qualified class name, such as com.acme.Greet");
		}
		catch (LinkageError ex) {
			throw new LoadFailure(Reason.HANDLER_FAILED, "Class " + className + " cannot be loaded: " + ex, ex);
		}
	}

	private static LoadedFunction fromClass(Class<?> type, ClassLoader loader) throws LoadFailure {
		LoadedFunction.Kind kind = kindOf(type);
		if (kind == null) {
			throw new LoadFailure(Reason.NOT_A_FUNCTION,
					type.getName() + " implements none of java.util.function.Function, Consumer or Supplier");
		}
		Object target = instantiate(type);
		Type[] arguments = typeArguments(type, kind.type());
		return LoadedFunction.of(kind, target, arguments, loader);
	}

	private static LoadedFunction fromMethod(Class<?> type, String methodName, ClassLoader loader) throws LoadFailure {
		Method method = findMethod(type, methodName);
		LoadedFunction.Kind kind = kindOf(method.getReturnType());
		if (kind == null) {
			throw new LoadFailure(Reason.NOT_A_FUNCTION, type.getName() + "::" + methodName + " returns "
					+ method.getReturnType().getName() + ", not a Function, Consumer or Supplier");
		}
		Object owner = Modifier.isStatic(method.getModifiers()) ? null : instantiate(type);
		Object target;
		try {
			method.setAccessible(true);
			target = method.invoke(owner);
		}
		catch (InvocationTargetException ex) {
			throw failed(type.getName() + "::" + methodName, ex.getCause());
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			throw failed(type.getName() + "::" + methodName, ex);
		}
		if (target == null) {
			throw new LoadFailure(Reason.HANDLER_FAILED, type.getName() + "::" + methodName + " returned null");
		}
		Type returned = method.getGenericReturnType();
		Type[] arguments = (returned instanceof ParameterizedType parameterized)
				? parameterized.getActualTypeArguments() : typeArguments(target.getClass(), kind.type());
		return LoadedFunction.of(kind, target, arguments, loader);
	}

	private static Method findMethod(Class<?> type, String name) throws LoadFailure {
		try {
			for (Class<?> current = type; current != null; current = current.getSuperclass()) {
				for (Method method : current.getDeclaredMethods()) {
					if (method.getName().equals(name) && method.getParameterCount() == 0) {
						return method;
					}
				}
			}
		}
		catch (LinkageError ex) {
			throw new LoadFailure(Reason.HANDLER_FAILED, "Class " + type.getName() + " cannot be loaded: " + ex, ex);
		}
		throw new LoadFailure(Reason.HANDLER_NOT_FOUND,
				type.getName() + " has no method " + name + "() without parameters");
	}

	private static Object instantiate(Class<?> type) throws LoadFailure {
		Constructor<?> constructor;
		try {
			constructor = type.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			throw new LoadFailure(Reason.NOT_A_FUNCTION,
					type.getName() + " has no constructor without parameters, so it cannot be created");
		}
		catch (LinkageError ex) {
			throw failed(type.getName(), ex);
		}
		try {
			constructor.setAccessible(true);
			return constructor.newInstance();
		}
		catch (InvocationTargetException ex) {
			throw failed(type.getName(), ex.getCause());
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			throw failed(type.getName(), ex);
		}
	}

	private static LoadFailure failed(String what, Throwable cause) {
		return new LoadFailure(Reason.HANDLER_FAILED, what + " failed while being created: " + cause, cause);
	}

	private static LoadedFunction.Kind kindOf(Class<?> type) {
		for (LoadedFunction.Kind kind : LoadedFunction.Kind.values()) {
			if (kind.type().isAssignableFrom(type)) {
				return kind;
			}
		}
		return null;
	}

	/**
	 * The type arguments with which {@code type} implements {@code target}, or
	 * {@code Object} for each one it leaves open.
	 */
	static Type[] typeArguments(Class<?> type, Class<?> target) {
		Type[] found = search(type, target);
		if (found == null) {
			found = new Type[target.getTypeParameters().length];
			java.util.Arrays.fill(found, Object.class);
		}
		for (int i = 0; i < found.length; i++) {
			if (!(found[i] instanceof Class<?>) && !(found[i] instanceof ParameterizedType)) {
				found[i] = Object.class;
			}
		}
		return found;
	}

	private static Type[] search(Class<?> type, Class<?> target) {
		if (type == null) {
			return null;
		}
		for (Type candidate : type.getGenericInterfaces()) {
			Type[] found = match(candidate, target);
			if (found != null) {
				return found;
			}
		}
		Type superclass = type.getGenericSuperclass();
		Type[] found = (superclass != null) ? match(superclass, target) : null;
		return (found != null) ? found : search(type.getSuperclass(), target);
	}

	private static Type[] match(Type candidate, Class<?> target) {
		if (candidate instanceof ParameterizedType parameterized && parameterized.getRawType() == target) {
			return parameterized.getActualTypeArguments().clone();
		}
		Class<?> raw = (candidate instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
				: (candidate instanceof Class<?> plain) ? plain : null;
		if (raw != null && raw != target && target.isAssignableFrom(raw)) {
			return search(raw, target);
		}
		return null;
	}

}
