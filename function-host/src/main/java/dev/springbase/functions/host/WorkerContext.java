package dev.springbase.functions.host;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.springbase.functions.sdk.Caller;
import dev.springbase.functions.sdk.FunctionContext;
import dev.springbase.functions.sdk.FunctionLogger;
import dev.springbase.functions.sdk.database.ProjectDatabase;
import dev.springbase.functions.sdk.events.EventInfo;
import dev.springbase.functions.sdk.storage.StorageClient;

record WorkerContext(RuntimeMessages.Init init, UUID invocationId, Caller nullableCaller, FunctionToken token,
		EventInfo nullableEvent, InvocationLog log) implements FunctionContext {

	@Override
	public UUID projectId() {
		return this.init.projectId();
	}

	@Override
	public String functionName() {
		return this.init.functionName();
	}

	@Override
	public Optional<Caller> caller() {
		return Optional.ofNullable(this.nullableCaller);
	}

	@Override
	public Optional<EventInfo> event() {
		return Optional.ofNullable(this.nullableEvent);
	}

	@Override
	public Map<String, String> env() {
		return this.init.env();
	}

	@Override
	public Optional<String> secret(String name) {
		return Optional.ofNullable(this.init.secrets().get(name));
	}

	@Override
	public FunctionLogger logger() {
		return this.log;
	}

	@Override
	public ProjectDatabase database() {
		return new DatabaseClient(this.init.database(), this.init.functionName());
	}

	@Override
	public StorageClient storage() {
		return new StorageApiClient(URI.create(this.init.storageUrl()), this.token);
	}

}
