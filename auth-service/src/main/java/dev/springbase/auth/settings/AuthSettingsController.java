package dev.springbase.auth.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.settings.AuthSettings.MailTemplate;
import dev.springbase.auth.settings.AuthSettingsService.SettingsChange;
import dev.springbase.platform.security.Caller;

/**
 * End-user auth settings of a project: under {@code /admin} for a secret key (its own
 * project), under {@code /projects/{id}} for console accounts.
 */
@RestController
class AuthSettingsController {

	private final AuthSettingsService settings;

	AuthSettingsController(AuthSettingsService settings) {
		this.settings = settings;
	}

	@GetMapping({ "${springbase.api-prefix}/admin/settings",
			"${springbase.api-prefix}/projects/{projectId}/auth-settings" })
	AuthSettings get(Caller caller, @PathVariable(required = false) @Nullable UUID projectId) {
		return this.settings.get(caller, projectId);
	}

	@PatchMapping({ "${springbase.api-prefix}/admin/settings",
			"${springbase.api-prefix}/projects/{projectId}/auth-settings" })
	AuthSettings update(Caller caller, @PathVariable(required = false) @Nullable UUID projectId,
			@Valid @RequestBody UpdateSettingsRequest request) {
		return this.settings.update(caller, projectId,
				new SettingsChange(request.passwordMinLength(), request.passwordMinScore(),
						request.emailConfirmationRequired(), request.secureEmailChange(), request.mailSender(),
						request.siteUrl(), templates(request.mailTemplates()), request.mfaRequired()));
	}

	private static @Nullable Map<String, MailTemplate> templates(@Nullable Map<String, MailTemplateRequest> requested) {
		if (requested == null) {
			return null;
		}
		Map<String, MailTemplate> templates = new HashMap<>();
		requested.forEach(
				(purpose, template) -> templates.put(purpose, new MailTemplate(template.subject(), template.body())));
		return templates;
	}

	record UpdateSettingsRequest(@Nullable @Min(6) @Max(200) Integer passwordMinLength,
			@Nullable @Min(0) @Max(4) Integer passwordMinScore, @Nullable Boolean emailConfirmationRequired,
			@Schema(description = "Whether a user's change of address applies only once both the current and the "
					+ "new address have confirmed it, each with the link or code mailed to it (default); "
					+ "false: the new address alone confirms it.") @Nullable Boolean secureEmailChange,
			@Nullable @Email @Size(max = 320) String mailSender,
			@Nullable @Pattern(regexp = "https?://\\S+") @Size(max = 2000) String siteUrl,
			@Nullable Map<@Pattern(
					regexp = "signup|recovery|magiclink|email_change|email_change_current") String, @Valid MailTemplateRequest> mailTemplates,
			@Nullable Boolean mfaRequired) {

	}

	record MailTemplateRequest(@NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 20000) String body) {

	}

}
