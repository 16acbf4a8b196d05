package dev.springbase.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the user's browser does between the app and a sign-in provider: opens the
 * provider's URL and brings back what the provider sends to the app's redirect URI.
 */
final class Browser {

	private static final Pattern HIDDEN_FIELD = Pattern.compile("name=\"(\\w+)\" value=\"([^\"]*)\"");

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	/** The query parameters of the provider's redirect to {@code redirectUri}. */
	Map<String, String> followRedirect(String url, String redirectUri) {
		HttpResponse<String> response = open(url);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(redirectUri);
		return UriComponentsBuilder.fromUriString(location).build().getQueryParams().toSingleValueMap();
	}

	/**
	 * The fields of the form the provider has the browser post to {@code redirectUri}
	 * ({@code response_mode=form_post}).
	 */
	Map<String, String> followFormPost(String url, String redirectUri) {
		HttpResponse<String> response = open(url);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("action=\"" + redirectUri + "\"");
		Map<String, String> fields = new HashMap<>();
		Matcher field = HIDDEN_FIELD.matcher(response.body());
		while (field.find()) {
			fields.put(field.group(1), field.group(2));
		}
		return fields;
	}

	private HttpResponse<String> open(String url) {
		try {
			return this.client.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + url + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
