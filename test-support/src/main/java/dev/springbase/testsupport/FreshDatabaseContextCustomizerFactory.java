package dev.springbase.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Applies {@link FreshDatabase}. The customizer is keyed by test class, so Spring's
 * context cache never shares one database between two classes.
 */
class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestContextAnnotationUtils.hasAnnotation(testClass, FreshDatabase.class)) {
			return null;
		}
		return new Customizer(testClass);
	}

	private record Customizer(Class<?> testClass) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			PostgresServer.Database database = PostgresServer.get().createDatabase(this.testClass.getSimpleName());
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("freshDatabase",
						Map.of("spring.datasource.url", database.url(), "spring.datasource.username",
								database.username(), "spring.datasource.password", database.password())));
			// Registered before every other bean, so destroyed after all of them: the
			// database goes once the pool is closed and the event threads have stopped.
			// Dropped earlier, they would wait for connections to a database that no
			// longer exists.
			((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("freshDatabase",
					database::drop);
			context.getBeanFactory().registerSingleton("freshDatabaseInfo", database);
		}

	}

}
