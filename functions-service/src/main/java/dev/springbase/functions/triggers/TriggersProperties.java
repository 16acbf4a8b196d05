package dev.springbase.functions.triggers;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of event and schedule triggers ({@code springbase.functions.triggers.*}).
 *
 * @param syncInterval how often each instance compares the subscriptions it consumes with
 * the stored triggers, to pick up triggers created or deleted through another instance
 * @param schedulePollInterval how often each instance looks for schedule triggers that
 * are due; a tick fires at most this late
 * @param concurrency how many events of one trigger an instance hands to the function at
 * once
 */
@Validated
@ConfigurationProperties("springbase.functions.triggers")
record TriggersProperties(@DefaultValue("10s") Duration syncInterval, @DefaultValue("1s") Duration schedulePollInterval,
		@DefaultValue("1") @Min(1) @Max(100) int concurrency) {

}
