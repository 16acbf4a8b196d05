package dev.springbase.auth.accounts;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.auth.signingkeys.TokenIssuer;
import dev.springbase.auth.signingkeys.TokenIssuer.IssuedToken;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.security.PlatformClaims;

/** Console accounts: creation, sign-in and account tokens. */
@Service
public class AccountService {

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final TokenIssuer tokens;

	private final AuthProperties properties;

	/**
	 * Compared against when the email is unknown, so that a wrong email costs as much
	 * time as a wrong password and timing does not tell which accounts exist.
	 */
	private final String dummyHash;

	AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, TokenIssuer tokens,
			AuthProperties properties) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.tokens = tokens;
		this.properties = properties;
		this.dummyHash = passwordEncoder.encode(KeyGenerators.string().generateKey());
	}

	/** The id of the account with this email, for adding it to a project. */
	@Transactional(readOnly = true)
	public Optional<UUID> findIdByEmail(String email) {
		return this.accounts.findByEmail(normalize(email)).map(Account::id);
	}

	@Transactional
	AccountView create(String email, String password, boolean admin) {
		Account account = new Account(Ids.newId(), normalize(email), this.passwordEncoder.encode(password), admin,
				Timestamps.now());
		if (!this.accounts.insert(account)) {
			throw AccountException.exists(account.email());
		}
		return AccountView.of(account);
	}

	LoginResult login(String email, String password) {
		Optional<Account> account = this.accounts.findByEmail(normalize(email));
		String hash = account.map(Account::passwordHash).orElse(this.dummyHash);
		boolean matches = this.passwordEncoder.matches(password, hash);
		if (account.isEmpty() || !matches) {
			throw AccountException.invalidCredentials();
		}
		Account found = account.get();
		IssuedToken token = this.tokens.issue(found.id().toString(),
				Map.of(PlatformClaims.KIND, Caller.Kind.ACCOUNT.claimValue(), PlatformClaims.ROLE, Caller.ROLE_ACCOUNT,
						ConsoleAccess.EMAIL_CLAIM, found.email(), ConsoleAccess.ADMIN_CLAIM, found.admin()),
				this.properties.tokens().accountTtl());
		return new LoginResult(token, this.properties.tokens().accountTtl().toSeconds(), AccountView.of(found));
	}

	@Transactional(readOnly = true)
	AccountView me(Caller caller) {
		UUID id = ConsoleAccess.requireAccount(caller);
		return this.accounts.findById(id).map(AccountView::of).orElseThrow(AccountException::gone);
	}

	static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	record LoginResult(IssuedToken token, long expiresIn, AccountView account) {

	}

}
