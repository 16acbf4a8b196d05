package dev.springbase.functions.workers;

import java.security.SecureRandom;
import java.util.Base64;

/** Where the runtime API finds a worker by its id. */
interface WorkerRegistry {

	void register(WorkerProcess worker);

	void unregister(WorkerProcess worker);

	/** 256 random bits: the worker's credential for its runtime API. */
	static String newToken() {
		byte[] bytes = new byte[32];
		Holder.RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	final class Holder {

		static final SecureRandom RANDOM = new SecureRandom();

		private Holder() {
		}

	}

}
