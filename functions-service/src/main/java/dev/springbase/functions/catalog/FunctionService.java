package dev.springbase.functions.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.springbase.functions.access.Requester;
import dev.springbase.functions.config.FunctionsProperties;
import dev.springbase.platform.jdbc.Timestamps;
import dev.springbase.functions.workers.DeployedFunction;
import dev.springbase.functions.workers.WorkerLauncher;
import dev.springbase.functions.workers.WorkerPools;
import dev.springbase.platform.ids.Ids;
import dev.springbase.platform.web.CursorPage;
import dev.springbase.platform.web.PageRequest;

/**
 * Functions of a project: deploying versions, activating one, settings and secrets. A
 * deployment is loaded in a worker process before it is accepted; a JAR or handler that
 * does not load is refused and stored nowhere. An accepted one gets its AOT cache. After
 * every change the function's warm instances are brought to its new settings.
 */
@Service
public class FunctionService {

	private static final Logger log = LoggerFactory.getLogger(FunctionService.class);

	private static final int MAX_ENV_ENTRIES = 100;

	private static final int MAX_VALUE_LENGTH = 4096;

	private static final int MAX_HANDLER_LENGTH = 300;

	private final FunctionRepository functions;

	private final SecretStore secrets;

	private final JarStore jars;

	private final WorkerLauncher launcher;

	private final WorkerPools pools;

	private final TransactionTemplate transactions;

	private final TransactionTemplate reads;

	/** Reads after a commit, which must not join the committed transaction. */
	private final TransactionTemplate freshReads;

	private final FunctionsProperties properties;

	private final ApplicationEventPublisher events;

	/**
	 * The active deployment of each function as last read, by project and name: what an
	 * invocation runs without asking the database. A change through this instance drops
	 * its entry once committed; one through another instance is seen once the entry is
	 * older than {@code deploymentRecheck}.
	 */
	private final Map<FunctionKey, Known> deployments = new ConcurrentHashMap<>();

	/** Counts dropped entries, so that a read racing a change is not kept. */
	private final AtomicLong changes = new AtomicLong();

	private final long recheckNanos;

	FunctionService(FunctionRepository functions, SecretStore secrets, JarStore jars, WorkerLauncher launcher,
			WorkerPools pools, TransactionTemplate transactions, FunctionsProperties properties,
			ApplicationEventPublisher events) {
		this.functions = functions;
		this.secrets = secrets;
		this.jars = jars;
		this.launcher = launcher;
		this.pools = pools;
		this.transactions = transactions;
		this.reads = new TransactionTemplate(transactions.getTransactionManager());
		this.reads.setReadOnly(true);
		this.freshReads = new TransactionTemplate(transactions.getTransactionManager());
		this.freshReads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.freshReads.setReadOnly(true);
		this.properties = properties;
		this.events = events;
		this.recheckNanos = properties.deploymentRecheck().toNanos();
	}

	/**
	 * Deploys a new version, created with the function when it is the first. The first
	 * version is always activated; later ones when {@code activate} is true.
	 */
	VersionView deploy(Requester requester, String name, String handler, MultipartFile jar, boolean activate) {
		requester.requireAdmin();
		FunctionNames.check(name);
		if (handler.isBlank() || handler.length() > MAX_HANDLER_LENGTH) {
			throw FunctionException.invalidSetting("handler must name the function's class (com.acme.Greet) or a "
					+ "method returning it (com.acme.Functions::greet), at most " + MAX_HANDLER_LENGTH
					+ " characters.");
		}
		JarStore.Received received = this.jars.receive(jar);
		try {
			long started = System.nanoTime();
			String kind = this.launcher.validate(received.file(), handler.strip());
			long validated = System.nanoTime();
			UUID versionId = Ids.newId();
			Path kept = this.jars.keep(received, versionId);
			Path cache = this.jars.aotCache(versionId);
			try {
				int memoryMb = this.functions.find(requester.projectId(), name)
					.map(FunctionRecord::memoryMb)
					.orElse(this.properties.defaults().memoryMb());
				boolean cached = this.launcher.buildAotCache(kept, handler.strip(), memoryMb, cache);
				log.info("Deployment of function {} in project {}: validated in {} ms, AOT cache {} in {} ms", name,
						requester.projectId(), (validated - started) / 1_000_000, cached ? "built" : "not built",
						(System.nanoTime() - validated) / 1_000_000);
				return this.transactions.execute((status) -> store(requester.projectId(), name, handler.strip(), kind,
						versionId, received, activate));
			}
			catch (RuntimeException ex) {
				this.jars.discardJar(kept);
				this.jars.discard(cache);
				throw ex;
			}
		}
		finally {
			this.jars.discardJar(received.file());
		}
	}

	private VersionView store(UUID projectId, String name, String handler, String kind, UUID versionId,
			JarStore.Received received, boolean activate) {
		Instant now = Timestamps.now();
		FunctionsProperties.Defaults defaults = this.properties.defaults();
		FunctionRecord function = this.functions.createIfMissingAndLock(new FunctionRecord(Ids.newId(), projectId, name,
				null, Map.of(), defaults.timeout(), defaults.memoryMb(), defaults.maxConcurrency(), 0, 1, now, now));
		FunctionVersion version = new FunctionVersion(versionId, function.id(),
				this.functions.nextVersionNumber(function.id()), handler, kind, received.sha256(), received.size(),
				now);
		this.functions.insertVersion(version);
		boolean active = activate || function.activeVersionId() == null;
		if (active) {
			this.functions.activate(function.id(), versionId);
			warmAfterCommit(projectId, name);
		}
		return VersionView.of(version, active);
	}

	@Transactional(readOnly = true)
	CursorPage<FunctionView> list(Requester requester, PageRequest page) {
		requester.requireAdminOrViewer();
		return CursorPage
			.of(this.functions.page(requester.projectId(), page), page.limit(),
					(function) -> PageRequest.cursorOf(function.id()))
			.map(this::view);
	}

	@Transactional(readOnly = true)
	FunctionView get(Requester requester, String name) {
		requester.requireAdminOrViewer();
		return view(require(requester.projectId(), name));
	}

	/** Changes the settings that are present; absent ones stay as they are. */
	@Transactional
	FunctionView update(Requester requester, String name, SettingsChange change) {
		requester.requireAdmin();
		FunctionRecord current = lockRecord(requester.projectId(), name);
		FunctionsProperties.Limits limits = this.properties.limits();
		Map<String, String> env = (change.env() != null) ? checkEnv(change.env()) : current.env();
		Duration timeout = (change.timeoutSeconds() != null) ? Duration.ofSeconds(change.timeoutSeconds())
				: current.timeout();
		if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(limits.maxTimeout()) > 0) {
			throw FunctionException
				.invalidSetting("timeoutSeconds must be between 1 and " + limits.maxTimeout().toSeconds() + ".");
		}
		int memory = (change.memoryMb() != null) ? change.memoryMb() : current.memoryMb();
		if (memory < 32 || memory > limits.maxMemoryMb()) {
			throw FunctionException.invalidSetting("memoryMb must be between 32 and " + limits.maxMemoryMb() + ".");
		}
		int concurrency = (change.maxConcurrency() != null) ? change.maxConcurrency() : current.maxConcurrency();
		if (concurrency < 1 || concurrency > limits.maxConcurrency()) {
			throw FunctionException
				.invalidSetting("maxConcurrency must be between 1 and " + limits.maxConcurrency() + ".");
		}
		int minimum = (change.minInstances() != null) ? change.minInstances() : current.minInstances();
		if (minimum < 0 || minimum > concurrency) {
			throw FunctionException.invalidSetting("minInstances must be between 0 and maxConcurrency (" + concurrency
					+ "); raise maxConcurrency first to keep more warm.");
		}
		FunctionRecord updated = current.withSettings(env, timeout, memory, concurrency, minimum, Timestamps.now());
		// The number of warm instances is the pool's business; workers need not restart.
		this.functions.updateSettings(updated, updated.changesWorkers(current));
		warmAfterCommit(requester.projectId(), name);
		return view(updated);
	}

	@Transactional
	void putSecret(Requester requester, String name, String secret, String value) {
		requester.requireAdmin();
		checkVariable("secret", secret);
		if (value.length() > MAX_VALUE_LENGTH) {
			throw FunctionException
				.invalidSetting("A secret's value may be at most " + MAX_VALUE_LENGTH + " characters.");
		}
		FunctionRecord function = lockRecord(requester.projectId(), name);
		this.secrets.put(function.id(), secret, value);
		this.functions.bumpRevision(function.id());
		warmAfterCommit(requester.projectId(), name);
	}

	@Transactional
	void deleteSecret(Requester requester, String name, String secret) {
		requester.requireAdmin();
		FunctionRecord function = lockRecord(requester.projectId(), name);
		if (!this.secrets.delete(function.id(), secret)) {
			throw FunctionException.secretNotFound(name, secret);
		}
		this.functions.bumpRevision(function.id());
		warmAfterCommit(requester.projectId(), name);
	}

	@Transactional(readOnly = true)
	CursorPage<VersionView> versions(Requester requester, String name, PageRequest page) {
		requester.requireAdminOrViewer();
		FunctionRecord function = require(requester.projectId(), name);
		return CursorPage
			.of(this.functions.versions(function.id(), page), page.limit(),
					(version) -> PageRequest.cursorOf(version.id()))
			.map((version) -> VersionView.of(version, version.id().equals(function.activeVersionId())));
	}

	/** Points the function at one of its versions: how a rollback is done. */
	@Transactional
	FunctionView activate(Requester requester, String name, int number) {
		requester.requireAdmin();
		FunctionRecord function = lockRecord(requester.projectId(), name);
		FunctionVersion version = this.functions.version(function.id(), number)
			.orElseThrow(() -> FunctionException.versionNotFound(name, number));
		this.functions.activate(function.id(), version.id());
		warmAfterCommit(requester.projectId(), name);
		return view(require(requester.projectId(), name));
	}

	/** Deletes the function with its versions, secrets and invocation records. */
	@Transactional
	void delete(Requester requester, String name) {
		requester.requireAdmin();
		delete(lockRecord(requester.projectId(), name));
	}

	/**
	 * Deletes every function of a deleted project, each as
	 * {@link #delete(Requester, String)} would; returns how many there were.
	 */
	@Transactional
	public int deleteAll(UUID projectId) {
		List<FunctionRecord> all = this.functions.allOfProjectForUpdate(projectId);
		all.forEach(this::delete);
		return all.size();
	}

	private void delete(FunctionRecord function) {
		List<UUID> versions = this.functions.versionIds(function.id());
		this.events.publishEvent(new FunctionDeleting(function.projectId(), function.id(), function.name()));
		this.functions.delete(function.id());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				forget(function.projectId(), function.name());
				FunctionService.this.pools.retire(function.id());
				versions.forEach((id) -> {
					FunctionService.this.jars.discardJar(FunctionService.this.jars.path(id));
					FunctionService.this.jars.discard(FunctionService.this.jars.aotCache(id));
				});
			}
		});
	}

	/**
	 * The id of the project's function of that name.
	 * @throws dev.springbase.platform.errors.ApiException 404
	 * {@code functions.function_not_found}
	 */
	@Transactional(readOnly = true)
	public UUID idOf(UUID projectId, String name) {
		return require(projectId, name).id();
	}

	/**
	 * Locks the function of the project with that name until the current transaction
	 * ends, so it cannot be deleted meanwhile, and returns its id.
	 * @throws dev.springbase.platform.errors.ApiException 404
	 * {@code functions.function_not_found}
	 */
	@Transactional
	public UUID lock(UUID projectId, String name) {
		return lockRecord(projectId, name).id();
	}

	/**
	 * The active version of a function with what its workers need. Every invocation asks,
	 * so it is read again only when this instance changed the function or after
	 * {@code deploymentRecheck}; what changes a deployment bumps the revision, so a
	 * recheck reads the version and secrets again only when it moved.
	 */
	public DeployedFunction deployed(UUID projectId, String name) {
		FunctionKey key = new FunctionKey(projectId, name);
		Known known = this.deployments.get(key);
		long now = System.nanoTime();
		if (known != null && now - known.readNanos() < this.recheckNanos) {
			return known.function();
		}
		long changesBefore = this.changes.get();
		DeployedFunction current;
		try {
			current = this.reads.execute((status) -> {
				FunctionRecord function = require(projectId, name);
				if (function.activeVersionId() == null) {
					throw FunctionException.noActiveVersion(name);
				}
				if (known != null && known.function().id().equals(function.id())
						&& known.function().revision() == function.revision()
						&& known.function().minInstances() == function.minInstances()) {
					return known.function();
				}
				return deployed(function);
			});
		}
		catch (RuntimeException ex) {
			// Gone, say, through another instance.
			this.deployments.remove(key);
			throw ex;
		}
		if (this.changes.get() == changesBefore) {
			this.deployments.put(key, new Known(current, now));
		}
		return current;
	}

	/** Drops what was read of the function: it changed or went. */
	private void forget(UUID projectId, String name) {
		this.changes.incrementAndGet();
		this.deployments.remove(new FunctionKey(projectId, name));
	}

	private DeployedFunction deployed(FunctionRecord function) {
		FunctionVersion version = this.functions.versionById(function.activeVersionId()).orElseThrow();
		return new DeployedFunction(function.id(), function.projectId(), function.name(), function.revision(),
				version.id(), this.jars.path(version.id()), version.handler(), function.env(),
				this.secrets.decrypted(function.id()), function.timeout(), function.memoryMb(),
				function.maxConcurrency(), function.minInstances(), this.jars.aotCache(version.id()));
	}

	/** Starts the warm instances of every function that keeps some: at start-up. */
	void warmKeptInstances() {
		List<FunctionRecord> kept = this.freshReads.execute((status) -> this.functions.keptWarm());
		for (FunctionRecord function : (kept != null) ? kept : List.<FunctionRecord>of()) {
			try {
				this.pools.warm(this.freshReads.execute((status) -> deployed(function)));
			}
			catch (RuntimeException ex) {
				log.warn("Could not start the warm instances of function {}", function.id(), ex);
			}
		}
	}

	/**
	 * Once the transaction commits, brings the function's pool to its new revision and
	 * minimum of warm instances.
	 */
	private void warmAfterCommit(UUID projectId, String name) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				forget(projectId, name);
				try {
					DeployedFunction function = FunctionService.this.freshReads
						.execute((status) -> FunctionService.this.functions.find(projectId, name)
							.filter((found) -> found.activeVersionId() != null)
							.map(FunctionService.this::deployed)
							.orElse(null));
					if (function != null) {
						FunctionService.this.pools.warm(function);
					}
				}
				catch (RuntimeException ex) {
					// The change is committed; its workers follow at the next invocation.
					log.warn("Could not bring the workers of function {} to its new settings", name, ex);
				}
			}
		});
	}

	private FunctionRecord require(UUID projectId, String name) {
		return this.functions.find(projectId, name).orElseThrow(() -> FunctionException.notFound(name));
	}

	private FunctionRecord lockRecord(UUID projectId, String name) {
		return this.functions.findForUpdate(projectId, name).orElseThrow(() -> FunctionException.notFound(name));
	}

	private FunctionView view(FunctionRecord function) {
		FunctionVersion active = (function.activeVersionId() != null)
				? this.functions.versionById(function.activeVersionId()).orElse(null) : null;
		return FunctionView.of(function, active, this.secrets.names(function.id()));
	}

	private static Map<String, String> checkEnv(Map<String, String> env) {
		if (env.size() > MAX_ENV_ENTRIES) {
			throw FunctionException.invalidSetting("env may hold at most " + MAX_ENV_ENTRIES + " variables.");
		}
		env.forEach((key, value) -> {
			checkVariable("environment variable", key);
			if (value == null || value.length() > MAX_VALUE_LENGTH) {
				throw FunctionException.invalidSetting("Environment variable " + key + " needs a value of at most "
						+ MAX_VALUE_LENGTH + " characters.");
			}
		});
		return Map.copyOf(env);
	}

	private static void checkVariable(String what, String name) {
		if (!FunctionNames.VARIABLE.matcher(name).matches()) {
			throw FunctionException.invalidSetting("'" + name + "' cannot name a " + what
					+ ": use letters, digits and underscores, not starting with a digit.");
		}
	}

	private record FunctionKey(UUID projectId, String name) {

	}

	private record Known(DeployedFunction function, long readNanos) {

	}

	/** What a settings update sets; absent fields stay. */
	record SettingsChange(@Nullable Map<String, String> env, @Nullable Long timeoutSeconds, @Nullable Integer memoryMb,
			@Nullable Integer maxConcurrency, @Nullable Integer minInstances) {

	}

}
