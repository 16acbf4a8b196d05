package dev.springbase.auth.users;

/**
 * What redeeming a mailed link or code gives: a session, or in a secure email change, one
 * half confirmed while the other is still to come.
 */
sealed interface Verification permits SignedIn, Verification.EmailChangePending {

	/**
	 * Nothing changed yet: the change waits for the other address.
	 *
	 * @param confirmed the half just confirmed
	 */
	record EmailChangePending(Purpose confirmed) implements Verification {

	}

}
