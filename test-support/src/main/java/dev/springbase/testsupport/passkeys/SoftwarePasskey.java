package dev.springbase.testsupport.passkeys;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.EmulatorUtil;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;

/**
 * A passkey authenticator in software (webauthn4j's emulator) behind a browser at an
 * origin: it answers the auth service's passkey options with real attestation objects,
 * client data and signatures, as the JSON bodies the API takes. Modules that use it
 * declare {@code com.webauthn4j:webauthn4j-test} themselves.
 */
public final class SoftwarePasskey {

	private final ClientPlatform platform = EmulatorUtil.createClientPlatform(new PackedAuthenticator());

	public SoftwarePasskey(String origin) {
		origin(origin);
	}

	/** Where the browser runs; the authenticator signs this origin into client data. */
	public void origin(String origin) {
		this.platform.setOrigin(new Origin(origin));
	}

	/**
	 * Creates a credential for the registration options (the answer of
	 * {@code POST /passkeys/register/options}) and returns the body of
	 * {@code POST /passkeys/register}.
	 */
	@SuppressWarnings("unchecked")
	public Map<String, Object> register(Map<String, Object> options) {
		Map<String, Object> publicKey = (Map<String, Object>) options.get("publicKey");
		Map<String, Object> rp = (Map<String, Object>) publicKey.get("rp");
		Map<String, Object> user = (Map<String, Object>) publicKey.get("user");
		PublicKeyCredentialCreationOptions creation = new PublicKeyCredentialCreationOptions(
				new PublicKeyCredentialRpEntity((String) rp.get("id"), (String) rp.get("name")),
				new PublicKeyCredentialUserEntity(
						decode(user.get("id")), (String) user.get("name"), (String) user.get("displayName")),
				new DefaultChallenge(decode(publicKey.get("challenge"))),
				List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
						COSEAlgorithmIdentifier.ES256)),
				60_000L, List.of(), new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.REQUIRED,
						UserVerificationRequirement.PREFERRED),
				AttestationConveyancePreference.NONE, null);
		PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential = this.platform
			.create(creation);
		Map<String, Object> body = new HashMap<>();
		body.put("challengeId", options.get("challengeId"));
		body.put("clientDataJSON", encode(credential.getResponse().getClientDataJSON()));
		body.put("attestationObject", encode(credential.getResponse().getAttestationObject()));
		return body;
	}

	/**
	 * Signs the challenge of the sign-in or verification options with the user verified
	 * and returns the assertion the API takes.
	 */
	public Map<String, Object> assertion(Map<String, Object> options) {
		return assertion(options, UserVerificationRequirement.PREFERRED);
	}

	/** Signs the challenge, verifying the user as asked. */
	@SuppressWarnings("unchecked")
	public Map<String, Object> assertion(Map<String, Object> options, UserVerificationRequirement userVerification) {
		Map<String, Object> publicKey = (Map<String, Object>) options.get("publicKey");
		PublicKeyCredentialRequestOptions request = new PublicKeyCredentialRequestOptions(
				new DefaultChallenge(decode(publicKey.get("challenge"))), 60_000L, (String) publicKey.get("rpId"), null,
				userVerification, null);
		PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential = this.platform
			.get(request);
		AuthenticatorAssertionResponse response = credential.getResponse();
		Map<String, Object> assertion = new HashMap<>();
		assertion.put("challengeId", options.get("challengeId"));
		assertion.put("credentialId", encode(credential.getRawId()));
		assertion.put("clientDataJSON", encode(response.getClientDataJSON()));
		assertion.put("authenticatorData", encode(response.getAuthenticatorData()));
		assertion.put("signature", encode(response.getSignature()));
		if (response.getUserHandle() != null) {
			assertion.put("userHandle", encode(response.getUserHandle()));
		}
		return assertion;
	}

	private static byte[] decode(Object value) {
		return Base64.getUrlDecoder().decode((String) value);
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
