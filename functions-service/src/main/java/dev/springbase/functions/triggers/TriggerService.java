package dev.springbase.functions.triggers;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.springbase.functions.access.Requester;
import dev.springbase.functions.catalog.FunctionDeleting;
import dev.springbase.functions.catalog.FunctionService;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.jdbc.Timestamps;

/**
 * The triggers of a function: created after checking every field (nothing is stored for
 * bad input), subscribed to their events once committed, and unsubscribed when they or
 * their function go. A table of the project's database is watched while at least one
 * database trigger binds to it.
 */
@ConditionalOnBooleanProperty("springbase.events.enabled")
@Service
class TriggerService {

	static final int MAX_PER_FUNCTION = 50;

	private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");

	private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final int MAX_AFFIX = 1024;

	private final FunctionService functions;

	private final TriggerRepository triggers;

	private final TriggerSubscriptions subscriptions;

	private final TableWatching tableWatching;

	TriggerService(FunctionService functions, TriggerRepository triggers, TriggerSubscriptions subscriptions,
			TableWatching tableWatching) {
		this.functions = functions;
		this.triggers = triggers;
		this.subscriptions = subscriptions;
		this.tableWatching = tableWatching;
	}

	@Transactional(readOnly = true)
	List<TriggerView> list(Requester requester, String function) {
		requester.requireAdminOrViewer();
		UUID functionId = this.functions.idOf(requester.projectId(), function);
		return this.triggers.ofFunction(functionId)
			.stream()
			.map((trigger) -> TriggerView.of(trigger, function))
			.toList();
	}

	@Transactional
	TriggerView create(Requester requester, String function, TriggerRequest request) {
		requester.requireAdmin();
		UUID functionId = this.functions.lock(requester.projectId(), function);
		Trigger trigger = check(request, requester.projectId(), functionId);
		if (this.triggers.countOfFunction(functionId) >= MAX_PER_FUNCTION) {
			throw TriggerException.tooMany(function, MAX_PER_FUNCTION);
		}
		if (trigger.kind() == TriggerKind.DATABASE) {
			this.triggers.lockTable(trigger.projectId(), String.valueOf(trigger.table()));
			this.tableWatching.watch(trigger.projectId(), String.valueOf(trigger.table()));
		}
		this.triggers.insert(trigger);
		afterCommit(() -> this.subscriptions.subscribe(trigger));
		return TriggerView.of(trigger, function);
	}

	@Transactional
	void delete(Requester requester, String function, UUID id) {
		requester.requireAdmin();
		UUID functionId = this.functions.lock(requester.projectId(), function);
		Trigger trigger = this.triggers.find(functionId, id).orElseThrow(() -> TriggerException.notFound(function, id));
		remove(List.of(trigger));
	}

	/** A deleted function's triggers go with it, in the same transaction. */
	@EventListener
	void functionDeleting(FunctionDeleting deleting) {
		remove(this.triggers.ofFunction(deleting.functionId()));
	}

	private void remove(List<Trigger> gone) {
		Set<String> tables = new LinkedHashSet<>();
		UUID projectId = null;
		for (Trigger trigger : gone) {
			if (trigger.kind() == TriggerKind.DATABASE && trigger.table() != null) {
				this.triggers.lockTable(trigger.projectId(), trigger.table());
				tables.add(trigger.table());
				projectId = trigger.projectId();
			}
			this.triggers.delete(trigger.id());
		}
		if (projectId != null) {
			for (String table : tables) {
				if (!this.triggers.tableStillWatched(projectId, table)) {
					this.tableWatching.unwatch(projectId, table);
				}
			}
		}
		List<UUID> ids = gone.stream().map(Trigger::id).toList();
		afterCommit(() -> ids.forEach(this.subscriptions::unsubscribe));
	}

	/** The trigger the request describes, or 400 naming what is wrong. */
	private static Trigger check(TriggerRequest request, UUID projectId, UUID functionId) {
		if (request.type() == null) {
			throw TriggerException.invalid("type is required: storage, auth, database or schedule.");
		}
		TriggerKind kind = TriggerKind.of(request.type())
			.orElseThrow(() -> TriggerException.invalid("type '" + request.type()
					+ "' is not a trigger type; use storage, auth, database or schedule (HTTP needs no trigger)."));
		refuseFields(kind, request);
		UUID id = Ids.newId();
		Instant now = Timestamps.now();
		return switch (kind) {
			case STORAGE -> {
				String bucket = request.bucket();
				if (bucket == null || !BUCKET.matcher(bucket).matches()) {
					throw TriggerException.invalid("bucket is required for a storage trigger: the bucket's name, "
							+ "2 to 63 lower-case letters, digits, dots, dashes or underscores.");
				}
				yield new Trigger(id, projectId, functionId, kind, events(kind, request.events()), bucket,
						affix("prefix", request.prefix()), affix("suffix", request.suffix()), null, null, null, null,
						now);
			}
			case AUTH -> new Trigger(id, projectId, functionId, kind, events(kind, request.events()), null, null, null,
					null, null, null, null, now);
			case DATABASE -> {
				String table = request.table();
				if (table == null || !TABLE.matcher(table).matches()) {
					throw TriggerException.invalid("table is required for a database trigger: the unqualified name of "
							+ "a table of the project's database, lower-case letters, digits and underscores, at most 63.");
				}
				yield new Trigger(id, projectId, functionId, kind, events(kind, request.events()), null, null, null,
						table, null, null, null, now);
			}
			case SCHEDULE -> {
				if (request.cron() == null) {
					throw TriggerException.invalid("cron is required for a schedule trigger, e.g. '0 */5 * * * *'.");
				}
				String zoneName = (request.timeZone() != null) ? request.timeZone() : Schedules.DEFAULT_ZONE;
				ZoneId zone = Schedules.zone(zoneName);
				String cron = request.cron().strip();
				Schedules.cron(cron, zone);
				yield new Trigger(id, projectId, functionId, kind, List.of("tick"), null, null, null, null, cron,
						zone.getId(), Schedules.next(cron, zone.getId(), now), now);
			}
		};
	}

	private static void refuseFields(TriggerKind kind, TriggerRequest request) {
		List<String> extra = new ArrayList<>();
		if (kind != TriggerKind.STORAGE) {
			addIfSet(extra, "bucket", request.bucket());
			addIfSet(extra, "prefix", request.prefix());
			addIfSet(extra, "suffix", request.suffix());
		}
		if (kind != TriggerKind.DATABASE) {
			addIfSet(extra, "table", request.table());
		}
		if (kind != TriggerKind.SCHEDULE) {
			addIfSet(extra, "cron", request.cron());
			addIfSet(extra, "timeZone", request.timeZone());
		}
		else {
			addIfSet(extra, "events", request.events());
		}
		if (!extra.isEmpty()) {
			throw TriggerException
				.invalid(String.join(", ", extra) + " do not apply to a " + kind.word() + " trigger; leave them out.");
		}
	}

	private static void addIfSet(List<String> names, String name, @Nullable Object value) {
		if (value != null) {
			names.add(name);
		}
	}

	private static List<String> events(TriggerKind kind, @Nullable List<String> requested) {
		if (requested == null) {
			return kind.events();
		}
		Set<String> chosen = new LinkedHashSet<>(requested);
		if (chosen.isEmpty() || chosen.size() != requested.size() || !kind.events().containsAll(chosen)) {
			throw TriggerException.invalid("events of a " + kind.word() + " trigger must be one or more of "
					+ kind.events() + ", each once; leave it out for all of them.");
		}
		// In the kind's order, so equal choices read the same.
		return kind.events().stream().filter(chosen::contains).toList();
	}

	private static @Nullable String affix(String name, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > MAX_AFFIX || value.chars().anyMatch(Character::isISOControl)) {
			throw TriggerException.invalid(name + " must be at most " + MAX_AFFIX + " characters, with no control "
					+ "characters; it is matched against object keys as they are.");
		}
		return value;
	}

	private static void afterCommit(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

}
