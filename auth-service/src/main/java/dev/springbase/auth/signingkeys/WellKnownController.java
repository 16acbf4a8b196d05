package dev.springbase.auth.signingkeys;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.security.PlatformSecurityProperties;

/** The public key set and OpenID discovery document that verifiers read. */
@RestController
@RequestMapping("${springbase.api-prefix}/.well-known")
class WellKnownController {

	/**
	 * Short, because verifiers refetch on an unknown kid anyway and retired keys should
	 * drop out soon after their window.
	 */
	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

	private final SigningKeyService keys;

	private final String issuer;

	WellKnownController(SigningKeyService keys, PlatformSecurityProperties security) {
		this.keys = keys;
		this.issuer = security.issuer();
	}

	@GetMapping("/jwks.json")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CACHE)
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.keys.publicKeys().toJSONObject(true));
	}

	@GetMapping("/openid-configuration")
	ResponseEntity<Map<String, Object>> openidConfiguration() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", this.issuer);
		document.put("jwks_uri", this.issuer + "/.well-known/jwks.json");
		document.put("response_types_supported", List.of("token"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256"));
		document.put("token_endpoint_auth_methods_supported", List.of("none"));
		document.put("claims_supported",
				List.of("iss", "sub", "iat", "exp", "jti", "kind", "project", "role", "email", "admin"));
		return ResponseEntity.ok().cacheControl(CACHE).body(document);
	}

}
