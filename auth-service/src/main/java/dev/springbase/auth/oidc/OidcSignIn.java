package dev.springbase.auth.oidc;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.springbase.auth.config.AuthProperties;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.security.Caller;

/**
 * The OpenID Connect authorization code flow with PKCE (RFC 7636), state and nonce. The
 * app asks for the provider's URL here, opens it, and hands the code and state the
 * provider sent to its redirect URI back with its key; the code is exchanged with the
 * PKCE verifier and the ID token is checked (signature against the provider's JWKS,
 * issuer, audience, expiry, nonce) before anyone is signed in. Google is such a provider
 * at a known issuer; Apple too, with a signed JWT as client secret; GitHub has no ID
 * token, so {@link GitHubSignIn} asks its API instead. Every type ends in the same
 * {@link VerifiedIdentity}.
 */
@Service
public class OidcSignIn {

	private static final int TIMEOUT_MILLIS = 10_000;

	/**
	 * Providers' discovery documents and ID token validators (each keeps the provider's
	 * JWKS and fetches it again for a key id it does not know), so that a sign-in costs
	 * the provider one request, the code exchange, instead of three or four.
	 */
	private static final Duration PROVIDER_CACHE_TTL = Duration.ofMinutes(10);

	private final Cache<String, OIDCProviderMetadata> discovered = Caffeine.newBuilder()
		.expireAfterWrite(PROVIDER_CACHE_TTL)
		.maximumSize(10_000)
		.build();

	private final Cache<String, IDTokenValidator> validators = Caffeine.newBuilder()
		.expireAfterWrite(PROVIDER_CACHE_TTL)
		.maximumSize(10_000)
		.build();

	private final OidcRepository repository;

	private final OidcProviderService providers;

	private final ProviderPresets presets;

	private final GitHubSignIn gitHub;

	private final Duration flowTtl;

	private final Clock clock;

	OidcSignIn(OidcRepository repository, OidcProviderService providers, ProviderPresets presets, GitHubSignIn gitHub,
			AuthProperties properties, Clock clock) {
		this.repository = repository;
		this.providers = providers;
		this.presets = presets;
		this.gitHub = gitHub;
		this.flowTtl = properties.providers().flowTtl();
		this.clock = clock;
	}

	/**
	 * Starts a sign-in: the provider URL to open, with fresh state, nonce and PKCE.
	 * Started by a signed-in user, it links the identity to that user instead.
	 */
	URI start(Caller caller, String providerName, URI redirectUri) {
		UUID projectId = caller.requireProject();
		UUID linkUserId = (caller.kind() == Caller.Kind.USER) ? UUID.fromString(caller.subject()) : null;
		OidcProvider provider = this.repository.findByName(projectId, providerName)
			.orElseThrow(() -> OidcException.providerNotFound(providerName));
		State state = new State();
		Nonce nonce = new Nonce();
		CodeVerifier verifier = new CodeVerifier();
		URI url = (provider.type() == ProviderType.GITHUB)
				? this.gitHub.authorizationUrl(provider, redirectUri, state, verifier)
				: authenticationUrl(provider, redirectUri, state, nonce, verifier);
		this.repository.insertFlow(hash(state.getValue()), projectId, provider.id(), verifier.getValue(),
				nonce.getValue(), redirectUri.toString(), linkUserId, Timestamps.now(this.clock).plus(this.flowTtl));
		return url;
	}

	private URI authenticationUrl(OidcProvider provider, URI redirectUri, State state, Nonce nonce,
			CodeVerifier verifier) {
		OIDCProviderMetadata metadata = discover(this.presets.issuer(provider));
		AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
				Scope.parse(provider.scopes()), new ClientID(provider.clientId()), redirectUri)
			.endpointURI(metadata.getAuthorizationEndpointURI())
			.state(state)
			.nonce(nonce)
			.codeChallenge(verifier, CodeChallengeMethod.S256);
		if (provider.type() == ProviderType.APPLE) {
			// Apple refuses to redirect with a code once email or name is asked for.
			request.responseMode(ResponseMode.FORM_POST);
		}
		return request.build().toURI();
	}

	/**
	 * Finishes a sign-in started in this project, the same way for every type: the
	 * identity that comes out is linked and signed in alike.
	 * @throws OidcException {@code auth.oidc_state_invalid} for a state not started here
	 * (or used, or expired), {@code auth.oidc_rejected} when the exchange or the ID token
	 * fails
	 */
	public VerifiedIdentity complete(Caller caller, String code, String state) {
		UUID projectId = caller.requireProject();
		Instant now = Timestamps.now(this.clock);
		OidcRepository.Flow flow = this.repository.takeFlow(hash(state), projectId, now)
			.orElseThrow(OidcException::stateInvalid);
		OidcProvider provider = this.repository.find(flow.providerId()).orElseThrow(OidcException::stateInvalid);
		URI redirectUri = URI.create(flow.redirectUri());
		CodeVerifier verifier = new CodeVerifier(flow.codeVerifier());
		ProviderAccount account = (provider.type() == ProviderType.GITHUB)
				? this.gitHub.complete(provider, this.providers.clientSecret(provider), code, redirectUri, verifier)
				: fromIdToken(provider, code, redirectUri, verifier, new Nonce(flow.nonce()));
		return new VerifiedIdentity(provider.id(), projectId, account.subject(), account.email(),
				account.emailVerified(), flow.linkUserId());
	}

	private ProviderAccount fromIdToken(OidcProvider provider, String code, URI redirectUri, CodeVerifier verifier,
			Nonce nonce) {
		String issuer = this.presets.issuer(provider);
		OIDCProviderMetadata metadata = discover(issuer);
		ClientID clientId = new ClientID(provider.clientId());
		TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), clientAuthentication(provider, issuer),
				new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier));
		try {
			HTTPRequest http = request.toHTTPRequest();
			http.setConnectTimeout(TIMEOUT_MILLIS);
			http.setReadTimeout(TIMEOUT_MILLIS);
			TokenResponse response = OIDCTokenResponseParser.parse(http.send());
			if (!response.indicatesSuccess()) {
				throw OidcException.rejected(
						"the code exchange failed (" + response.toErrorResponse().getErrorObject().getCode() + ").");
			}
			OIDCTokenResponse tokens = (OIDCTokenResponse) response.toSuccessResponse();
			IDTokenValidator validator = validator(metadata, clientId);
			IDTokenClaimsSet claims = validator.validate(tokens.getOIDCTokens().getIDToken(), nonce);
			return new ProviderAccount(claims.getSubject().getValue(), claims.getStringClaim("email"),
					isTrue(claims.getClaim("email_verified")));
		}
		catch (BadJOSEException | JOSEException ex) {
			throw OidcException.rejected("the ID token is not valid (" + ex.getMessage() + ").");
		}
		catch (com.nimbusds.oauth2.sdk.ParseException | IOException ex) {
			throw OidcException.unavailable(issuer);
		}
	}

	/**
	 * The client secret, in a Basic header; Apple's is a JWT made now and sent in the
	 * form, the only way Apple takes it. Apple checks its times against the wall clock,
	 * not ours.
	 */
	private ClientAuthentication clientAuthentication(OidcProvider provider, String issuer) {
		ClientID clientId = new ClientID(provider.clientId());
		if (provider.type() == ProviderType.APPLE) {
			String secret = AppleClientSecret.create(this.providers.privateKey(provider),
					Objects.requireNonNull(provider.keyId()), Objects.requireNonNull(provider.teamId()),
					provider.clientId(), issuer, Timestamps.now());
			return new ClientSecretPost(clientId, new Secret(secret));
		}
		return new ClientSecretBasic(clientId, new Secret(this.providers.clientSecret(provider)));
	}

	/** Apple sends {@code email_verified} as the string "true". */
	private static boolean isTrue(@Nullable Object claim) {
		return Boolean.TRUE.equals(claim) || "true".equals(claim);
	}

	private OIDCProviderMetadata discover(String issuer) {
		return this.discovered.get(issuer, OidcSignIn::resolve);
	}

	private IDTokenValidator validator(OIDCProviderMetadata metadata, ClientID clientId) {
		return this.validators.get(metadata.getIssuer().getValue() + ' ' + clientId.getValue(),
				(key) -> newValidator(metadata, clientId));
	}

	private static IDTokenValidator newValidator(OIDCProviderMetadata metadata, ClientID clientId) {
		try {
			return new IDTokenValidator(metadata.getIssuer(), clientId, JWSAlgorithm.RS256,
					metadata.getJWKSetURI().toURL());
		}
		catch (IOException ex) {
			throw OidcException.unavailable(metadata.getIssuer().getValue());
		}
	}

	private static OIDCProviderMetadata resolve(String issuer) {
		try {
			return OIDCProviderMetadata.resolve(new Issuer(issuer), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
		}
		catch (GeneralException | IOException ex) {
			throw OidcException.unavailable(issuer);
		}
	}

	private static byte[] hash(String state) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
