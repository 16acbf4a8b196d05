package dev.springbase.auth.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.springbase.platform.jdbc.Timestamps;

/**
 * An email change asked for and not applied yet: a token of it is unused and unexpired,
 * and the user still has the address it changes.
 *
 * @param newEmail the address it changes to
 * @param requestedAt when it was asked for, and its mails went out
 * @param awaiting the halves whose link or code is still to be redeemed; never empty,
 * since the change applies with the last one
 */
record PendingEmailChange(String newEmail, Instant requestedAt, Set<Purpose> awaiting) {

	/**
	 * The change in a row's {@code email_change_to}, {@code requested_at} and
	 * {@code awaiting} (its tokens' purposes); null where they are null.
	 */
	static @Nullable PendingEmailChange read(ResultSet rs) throws SQLException {
		String newEmail = rs.getString("email_change_to");
		if (newEmail == null) {
			return null;
		}
		Set<Purpose> awaiting = Arrays.stream((String[]) rs.getArray("awaiting").getArray())
			.map(Purpose::of)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Purpose.class)));
		return new PendingEmailChange(newEmail, Timestamps.readRequired(rs, "requested_at"), awaiting);
	}

}
