package dev.springbase.storage.access;

import org.springframework.stereotype.Component;

import dev.springbase.platform.errors.ApiException;

/**
 * Applies a bucket's access rules to one requester and one object (or one prefix, for
 * listing). Refusals within the caller's own project are 403 with
 * {@code storage.access_denied}; other projects never get this far.
 */
@Component
public class ObjectAccess {

	/** What a request does with an object. */
	public enum Operation {

		READ, WRITE

	}

	public void check(Requester requester, boolean publicBucket, AccessRules rules, String key, Operation operation) {
		if (!allows(requester, publicBucket, rules, key, operation)) {
			throw denied(operation, key);
		}
	}

	public void checkListing(Requester requester, boolean publicBucket, AccessRules rules, String prefix) {
		boolean allowed = switch (requester.level()) {
			case ADMIN, VIEWER -> true;
			case ANON -> publicBucket;
			case USER -> publicBucket || rules.authenticatedRead().coversPrefix(requester.userId(), prefix);
		};
		if (!allowed) {
			throw ApiException.forbidden("storage.access_denied", "You may not list '" + prefix
					+ "' in this bucket. Signed-in users list under the prefix of their own user id, '<user id>/'.");
		}
	}

	public boolean allows(Requester requester, boolean publicBucket, AccessRules rules, String key,
			Operation operation) {
		return switch (requester.level()) {
			case ADMIN -> true;
			case VIEWER -> operation == Operation.READ;
			case ANON -> operation == Operation.READ && publicBucket;
			case USER -> (operation == Operation.READ)
					? publicBucket || rules.authenticatedRead().covers(requester.userId(), key)
					: rules.authenticatedWrite().covers(requester.userId(), key);
		};
	}

	private static ApiException denied(Operation operation, String key) {
		String verb = (operation == Operation.READ) ? "read" : "write";
		return ApiException.forbidden("storage.access_denied", "You may not " + verb + " '" + key
				+ "' in this bucket. Without other rules, signed-in users may only use keys under '<user id>/'.");
	}

}
