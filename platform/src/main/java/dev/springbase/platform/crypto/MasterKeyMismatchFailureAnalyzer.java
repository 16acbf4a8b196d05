package dev.springbase.platform.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start-up that fails on a secret encrypted with another master key as a plain
 * description and action, instead of a stack trace about decryption.
 */
class MasterKeyMismatchFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyMismatch> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyMismatch cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
