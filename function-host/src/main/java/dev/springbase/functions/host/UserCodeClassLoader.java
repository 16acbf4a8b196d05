package dev.springbase.functions.host;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the deployed JAR (its classes and, for a Spring Boot JAR, its nested libraries)
 * apart from the host: its parent is the platform class loader, so the function brings
 * its own libraries (of any version) and sees none of the host's. Only the SDK is shared,
 * since the host hands the function SDK objects (its context, event payloads).
 */
final class UserCodeClassLoader extends URLClassLoader {

	static {
		registerAsParallelCapable();
	}

	private static final String SDK_PACKAGE = "dev.springbase.functions.sdk.";

	private final ClassLoader host;

	UserCodeClassLoader(URL[] classPath, ClassLoader host) {
		super("function", classPath, ClassLoader.getPlatformClassLoader());
		this.host = host;
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (name.startsWith(SDK_PACKAGE)) {
			return this.host.loadClass(name);
		}
		return super.loadClass(name, resolve);
	}

}
