package dev.springbase.auth.oidc;

import java.io.IOException;
import java.net.URI;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import net.minidev.json.JSONObject;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sign-in with GitHub, which speaks OAuth 2.0 but not OpenID Connect: the code is
 * exchanged for an access token (with the PKCE verifier), and GitHub's API says who the
 * user is ({@code GET /user}) and which email addresses it verified
 * ({@code GET /user/emails}).
 */
@Component
class GitHubSignIn {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final String baseUrl;

	private final String apiUrl;

	GitHubSignIn(ProviderPresets presets) {
		this.baseUrl = StringUtils.trimTrailingCharacter(presets.github().baseUrl(), '/');
		this.apiUrl = StringUtils.trimTrailingCharacter(presets.github().apiUrl(), '/');
	}

	URI authorizationUrl(OidcProvider provider, URI redirectUri, State state, CodeVerifier verifier) {
		return new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(provider.clientId()))
			.endpointURI(URI.create(this.baseUrl + "/login/oauth/authorize"))
			.redirectionURI(redirectUri)
			.scope(Scope.parse(provider.scopes()))
			.state(state)
			.codeChallenge(verifier, CodeChallengeMethod.S256)
			.build()
			.toURI();
	}

	/**
	 * The GitHub account that authorized the code: its numeric id, and its primary email,
	 * verified only if GitHub verified it.
	 */
	ProviderAccount complete(OidcProvider provider, String clientSecret, String code, URI redirectUri,
			CodeVerifier verifier) {
		try {
			AccessToken token = exchange(provider, clientSecret, code, redirectUri, verifier);
			HTTPResponse user = get("/user", token);
			user.ensureStatusCode(HTTPResponse.SC_OK);
			String subject = String.valueOf(JSONObjectUtils.getLong(user.getContentAsJSONObject(), "id"));
			HTTPResponse emails = get("/user/emails", token);
			if (emails.getStatusCode() == HTTPResponse.SC_FORBIDDEN
					|| emails.getStatusCode() == HTTPResponse.SC_NOT_FOUND) {
				// Without the user:email scope GitHub refuses the list: no email then.
				return new ProviderAccount(subject, null, false);
			}
			emails.ensureStatusCode(HTTPResponse.SC_OK);
			for (Object entry : emails.getContentAsJSONArray()) {
				if (entry instanceof JSONObject email && Boolean.TRUE.equals(email.get("primary"))) {
					return new ProviderAccount(subject, JSONObjectUtils.getString(email, "email"),
							Boolean.TRUE.equals(email.get("verified")));
				}
			}
			return new ProviderAccount(subject, null, false);
		}
		catch (ParseException | IOException ex) {
			throw OidcException.unavailable(this.baseUrl);
		}
	}

	private AccessToken exchange(OidcProvider provider, String clientSecret, String code, URI redirectUri,
			CodeVerifier verifier) throws IOException, ParseException {
		HTTPRequest request = new TokenRequest(URI.create(this.baseUrl + "/login/oauth/access_token"),
				new ClientSecretPost(new ClientID(provider.clientId()), new Secret(clientSecret)),
				new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier))
			.toHTTPRequest();
		// GitHub answers in form encoding unless asked for JSON.
		request.setAccept("application/json");
		timeouts(request);
		HTTPResponse response = request.send();
		JSONObject json = response.getContentAsJSONObject();
		// GitHub reports a bad code or bad credentials with 200 and an error member.
		if (json.containsKey("error")) {
			throw OidcException.rejected(
					"the code exchange failed (" + TokenErrorResponse.parse(json).getErrorObject().getCode() + ").");
		}
		response.ensureStatusCode(HTTPResponse.SC_OK);
		return AccessTokenResponse.parse(json).getTokens().getAccessToken();
	}

	private HTTPResponse get(String path, AccessToken token) throws IOException, ParseException {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, URI.create(this.apiUrl + path));
		request.setAuthorization(token.toAuthorizationHeader());
		request.setAccept("application/vnd.github+json");
		request.setHeader("X-GitHub-Api-Version", "2022-11-28");
		// GitHub refuses API requests without a User-Agent.
		request.setHeader("User-Agent", "Springbase");
		timeouts(request);
		HTTPResponse response = request.send();
		if (response.getStatusCode() == HTTPResponse.SC_UNAUTHORIZED) {
			throw OidcException.rejected("GitHub did not accept the access token it issued.");
		}
		return response;
	}

	private static void timeouts(HTTPRequest request) {
		request.setConnectTimeout(TIMEOUT_MILLIS);
		request.setReadTimeout(TIMEOUT_MILLIS);
	}

}
