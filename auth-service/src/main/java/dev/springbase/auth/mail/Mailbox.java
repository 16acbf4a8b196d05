package dev.springbase.auth.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.web.PageRequest;

/**
 * The local mailbox: without an SMTP server, mails are kept here so that a developer can
 * read them (admin API, console) and follow their links.
 */
@Repository
class Mailbox implements MailDelivery {

	private final JdbcClient jdbc;

	Mailbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void deliver(OutgoingMail mail) {
		this.jdbc.sql("""
				insert into mailbox (id, project_id, recipient, sender, subject, body, created_at)
				values (:id, :projectId, :to, :from, :subject, :body, :createdAt)""")
			.param("id", Ids.newId())
			.param("projectId", mail.projectId())
			.param("to", mail.to())
			.param("from", mail.from())
			.param("subject", mail.subject())
			.param("body", mail.body())
			.param("createdAt", Timestamps.toSql(Timestamps.now()))
			.update();
	}

	/** Newest first, optionally only those to one recipient. */
	List<StoredMail> page(UUID projectId, @Nullable String recipient, PageRequest page) {
		return this.jdbc.sql("""
				select * from mailbox where project_id = :projectId
				  and (cast(:recipient as text) is null or recipient = cast(:recipient as text))
				  and (cast(:before as uuid) is null or id < cast(:before as uuid))
				order by id desc limit :limit""")
			.param("projectId", projectId)
			.param("recipient", recipient)
			.param("before", page.after())
			.param("limit", page.fetchSize())
			.query((rs, row) -> new StoredMail(rs.getObject("id", UUID.class), rs.getString("recipient"),
					rs.getString("sender"), rs.getString("subject"), rs.getString("body"),
					Timestamps.readRequired(rs, "created_at")))
			.list();
	}

	record StoredMail(UUID id, String to, String from, String subject, String body, Instant createdAt) {

	}

}
