package dev.springbase.functions.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the functions service.
 *
 * @param authUrl the auth service, asked for the role of console accounts in a project
 * and for the tokens of functions
 * @param storageUrl the storage service, as workers reach it: functions' storage clients
 * call it directly, not through the gateway
 * @param dataDir where deployed JARs are kept (under {@code functions/jars}) and, unless
 * {@code masterKey} is set, the generated master key ({@code master-key.json}, shared
 * with the auth service when both use the same directory)
 * @param masterKey the Tink AEAD keyset (JSON) that encrypts function secrets
 * @param maxJarSize the largest deployment accepted
 * @param maxPayloadSize the largest invocation body and result
 * @param deploymentRecheck how long an instance runs a function's active deployment as it
 * last read it before reading it again: changes made through this instance take effect at
 * once, those made through another one within this time
 * @param defaults settings of a newly deployed function
 * @param limits the most a function may ask for
 * @param workers how worker processes are run
 */
@Validated
@ConfigurationProperties("springbase.functions")
public record FunctionsProperties(@DefaultValue("http://localhost:8081") URI authUrl,
		@DefaultValue("http://localhost:8082") URI storageUrl, @DefaultValue("./.springbase") Path dataDir,
		@Nullable String masterKey, @DefaultValue("50MB") DataSize maxJarSize,
		@DefaultValue("6MB") DataSize maxPayloadSize, @DefaultValue("1s") Duration deploymentRecheck,
		@DefaultValue @Valid Defaults defaults, @DefaultValue @Valid Limits limits,
		@DefaultValue @Valid Workers workers) {

	/**
	 * @param timeout how long one invocation may run
	 * @param memoryMb the heap of each worker
	 * @param maxConcurrency how many workers (so invocations at once) the function may
	 * have
	 */
	public record Defaults(@DefaultValue("30s") Duration timeout, @DefaultValue("256") @Min(32) int memoryMb,
			@DefaultValue("2") @Min(1) int maxConcurrency) {

	}

	public record Limits(@DefaultValue("15m") Duration maxTimeout, @DefaultValue("2048") @Min(32) int maxMemoryMb,
			@DefaultValue("20") @Min(1) @Max(1000) int maxConcurrency) {

	}

	/**
	 * @param idleTimeout how long an idle worker is kept warm before it is stopped (never
	 * below the function's minimum of warm instances)
	 * @param pollWindow how long a worker's request for work is held open when nothing is
	 * queued
	 * @param queueTimeout how long an invocation waits for a free worker before it is
	 * refused as busy
	 * @param recordTimeout how long the queued record of a synchronous invocation may
	 * take to be written: past it the invocation ends failed without running, the worker
	 * that took it takes the next one and the caller gets 503
	 * {@code service.unavailable}. The write is one short statement (a millisecond or
	 * so); 5 s rides out a checkpoint or a pool drained for a moment, yet lets a worker
	 * go long before a caller gives up, when a lock or a stalled connection would hold it
	 * for good
	 * @param validationTimeout how long loading a new deployment may take, and its AOT
	 * training run
	 * @param maxLogSize the bound on one invocation's log
	 * @param runtimeHost the address workers reach this service at
	 * @param jvmOptions options of every worker JVM besides its heap size and the memory
	 * caps derived from it; they may override those caps
	 * @param aotCache whether each deployment gets an AOT cache of the JDK
	 * ({@code -XX:AOTCacheOutput}) built at deploy time, and workers start with it
	 */
	public record Workers(@DefaultValue("5m") Duration idleTimeout, @DefaultValue("20s") Duration pollWindow,
			@DefaultValue("30s") Duration queueTimeout, @DefaultValue("5s") Duration recordTimeout,
			@DefaultValue("60s") Duration validationTimeout, @DefaultValue("64KB") DataSize maxLogSize,
			@DefaultValue("127.0.0.1") String runtimeHost, @DefaultValue( {
					"-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1" }) List<String> jvmOptions,
			@DefaultValue("true") boolean aotCache){

	}

}
