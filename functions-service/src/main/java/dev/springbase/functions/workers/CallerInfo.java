package dev.springbase.functions.workers;

import dev.springbase.platform.security.Caller;

/** The caller a function sees in its context (the SDK's {@code Caller}). */
public record CallerInfo(String kind, String subject, String role) {

	public static CallerInfo of(Caller caller) {
		return new CallerInfo(caller.kind().claimValue(), caller.subject(), caller.role());
	}

}
