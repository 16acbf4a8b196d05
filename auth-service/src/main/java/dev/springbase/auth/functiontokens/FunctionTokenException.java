package dev.springbase.auth.functiontokens;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.crypto.FunctionTokenProof;
import dev.springbase.platform.errors.ApiException;

/** Refusals of a request for a function's token. */
final class FunctionTokenException extends ApiException {

	private FunctionTokenException(HttpStatus status, String code, String detail) {
		super(status, code, detail);
	}

	static FunctionTokenException proofMissing() {
		return new FunctionTokenException(HttpStatus.UNAUTHORIZED, "auth.function_proof_missing",
				"Function tokens are minted for the functions service only; send the proof it makes with the "
						+ "master key.");
	}

	/** Not made with this service's master key, or no proof at all. */
	static FunctionTokenException proofInvalid() {
		return new FunctionTokenException(HttpStatus.FORBIDDEN, "auth.function_proof_invalid",
				"The proof was not made with this platform's master key; the functions service and the auth service "
						+ "must share SPRINGBASE_MASTER_KEY (or their data directory).");
	}

	static FunctionTokenException proofMismatch() {
		return new FunctionTokenException(HttpStatus.FORBIDDEN, "auth.function_proof_mismatch",
				"The proof names another project or function than the request.");
	}

	static FunctionTokenException proofExpired() {
		return new FunctionTokenException(HttpStatus.FORBIDDEN, "auth.function_proof_expired",
				"The proof is older than " + FunctionTokenProof.MAX_AGE.toSeconds()
						+ " seconds (or dated ahead); make a fresh one, and check the clocks of both machines.");
	}

}
