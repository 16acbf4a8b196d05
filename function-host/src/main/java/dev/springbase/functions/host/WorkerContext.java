package dev.springbase.functions.host;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.springbase.functions.sdk.Caller;
import dev.springbase.functions.sdk.FunctionContext;
import dev.springbase.functions.sdk.FunctionLogger;
import dev.springbase.functions.sdk.events.EventInfo;

record WorkerContext(RuntimeMessages.Init init, UUID invocationId, Caller nullableCaller, EventInfo nullableEvent,
		InvocationLog log) implements FunctionContext {

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

}
