package dev.springbase.auth.mail;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.auth.mail.Mailbox.StoredMail;
import dev.springbase.auth.projects.ProjectAccess;
import dev.springbase.platform.security.Caller;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * The local mailbox of a project, newest first: {@code /admin/mailbox} for a secret key,
 * {@code /projects/{id}/mailbox} for console members. Empty when mails go out by SMTP.
 */
@RestController
class MailboxController {

	private final Mailbox mailbox;

	private final ProjectAccess access;

	MailboxController(Mailbox mailbox, ProjectAccess access) {
		this.mailbox = mailbox;
		this.access = access;
	}

	@GetMapping({ "${springbase.api-prefix}/admin/mailbox", "${springbase.api-prefix}/projects/{projectId}/mailbox" })
	CursorPage<StoredMail> list(Caller caller, @PathVariable(required = false) @Nullable UUID projectId,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		UUID project = this.access.requireUserAdmin(caller, projectId);
		PageRequest page = PageRequest.of(limit, cursor);
		return CursorPage.of(
				this.mailbox.page(project, (to != null) ? to.strip().toLowerCase(Locale.ROOT) : null, page),
				page.limit(), (mail) -> PageRequest.cursorOf(mail.id()));
	}

}
