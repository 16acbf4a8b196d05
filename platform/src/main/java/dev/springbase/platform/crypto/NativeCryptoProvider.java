package dev.springbase.platform.crypto;

import java.security.Security;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Puts the Amazon Corretto Crypto Provider (AWS-LC, native code) first among the JCA
 * providers, before any bean signs, verifies or hashes: it signs an RS256 access token in
 * a third of the time the JDK takes, and verifies, hashes and MACs faster too (see
 * docs/benchmarks/auth.md). Where its native library does not load (anything but Linux
 * x86-64) or fails its self-tests, or with
 * {@code springbase.crypto.native-provider=false}, the JDK's own providers serve, as they
 * would without it.
 */
class NativeCryptoProvider implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String ENABLED = "springbase.crypto.native-provider";

	private static final Logger log = LoggerFactory.getLogger(NativeCryptoProvider.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (!event.getEnvironment().getProperty(ENABLED, Boolean.class, true)) {
			log.info("Cryptography by the JDK's providers ({}=false)", ENABLED);
			return;
		}
		if (Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME) != null) {
			return;
		}
		try {
			AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
			Throwable loadingError = provider.getLoadingError();
			if (loadingError != null) {
				log.info("Cryptography by the JDK's providers: the native provider does not load here ({})",
						loadingError.toString());
				return;
			}
			provider.assertHealthy();
			AmazonCorrettoCryptoProvider.install();
			log.info("Cryptography by {} {} ({}) first, then the JDK's providers", provider.getName(),
					provider.getVersionStr(), provider.getAwsLcVersionStr());
		}
		catch (RuntimeException | LinkageError ex) {
			log.warn("Cryptography by the JDK's providers: the native provider failed its checks", ex);
		}
	}

}
