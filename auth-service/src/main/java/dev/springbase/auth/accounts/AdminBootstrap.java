package dev.springbase.auth.accounts;

import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.springbase.auth.config.AuthProperties;

/**
 * Creates the first platform admin on first start, when no account exists. Without a
 * configured password a strong one is generated and logged once; later starts find the
 * account and print nothing.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final int GENERATED_LENGTH = 24;

	private final AccountRepository accounts;

	private final AccountService service;

	private final TransactionTemplate transactions;

	private final AuthProperties.Bootstrap bootstrap;

	private final SecureRandom random = new SecureRandom();

	AdminBootstrap(AccountRepository accounts, AccountService service, TransactionTemplate transactions,
			AuthProperties properties) {
		this.accounts = accounts;
		this.service = service;
		this.transactions = transactions;
		this.bootstrap = properties.bootstrap();
	}

	@Override
	public void run(ApplicationArguments args) {
		String configured = this.bootstrap.adminPassword();
		boolean generate = configured == null || configured.isBlank();
		String password = generate ? generatePassword() : configured;
		AccountView created = this.transactions.execute((status) -> {
			this.accounts.lockBootstrap();
			if (this.accounts.any()) {
				return null;
			}
			return this.service.create(this.bootstrap.adminEmail(), password, true);
		});
		if (created == null) {
			return;
		}
		if (generate) {
			log.warn("""

					********************************************************************************
					Created the first platform admin with a generated password.
					  email:    {}
					  password: {}
					This is printed only once. Sign in at /auth/v1/console/login and keep it safe,
					or set SPRINGBASE_ADMIN_EMAIL and SPRINGBASE_ADMIN_PASSWORD before first start.
					********************************************************************************""",
					created.email(), password);
		}
		else {
			log.info("Created the first platform admin {} from configuration", created.email());
		}
	}

	private String generatePassword() {
		StringBuilder password = new StringBuilder(GENERATED_LENGTH);
		for (int i = 0; i < GENERATED_LENGTH; i++) {
			password.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
