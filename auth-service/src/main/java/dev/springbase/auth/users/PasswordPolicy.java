package dev.springbase.auth.users;

import java.util.List;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.springbase.auth.settings.AuthSettings;

/**
 * The project's rules for new passwords: a minimum length and a minimum zxcvbn score, an
 * estimate of how many guesses a cracker needs (dictionary words, keyboard patterns,
 * dates and l33t count for little), which says more than character-class rules.
 */
@Component
class PasswordPolicy {

	private final Zxcvbn zxcvbn = new Zxcvbn();

	/**
	 * @throws UserException {@code auth.weak_password} saying why and what would help
	 */
	void check(String password, AuthSettings settings, @Nullable String email) {
		if (password.length() < settings.passwordMinLength()) {
			throw UserException.weakPassword("use at least " + settings.passwordMinLength() + " characters.",
					List.of());
		}
		List<String> userInputs = (email != null) ? List.of(email, email.split("@")[0]) : List.of();
		Strength strength = this.zxcvbn.measure(password, userInputs);
		if (strength.getScore() < settings.passwordMinScore()) {
			String warning = strength.getFeedback().getWarning();
			throw UserException.weakPassword(
					((warning != null && !warning.isBlank()) ? warning : "it is easy to guess") + " (strength "
							+ strength.getScore() + " of 4, this project needs " + settings.passwordMinScore() + ").",
					strength.getFeedback().getSuggestions());
		}
	}

}
