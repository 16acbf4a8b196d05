package dev.springbase.functions.triggers;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A trigger to create. {@code type} says which of the other fields apply:
 * <ul>
 * <li>{@code storage}: {@code bucket}, optional {@code prefix} and {@code suffix} of the
 * key, {@code events} among {@code created}, {@code deleted}</li>
 * <li>{@code auth}: {@code events} among {@code created}, {@code updated},
 * {@code deleted}, {@code signed_in}</li>
 * <li>{@code database}: {@code table}, {@code events} among {@code inserted},
 * {@code updated}, {@code deleted}</li>
 * <li>{@code schedule}: {@code cron}, optional {@code timeZone} (UTC)</li>
 * </ul>
 * Without {@code events}, every event of the kind counts.
 */
record TriggerRequest(@Nullable String type, @Nullable List<String> events, @Nullable String bucket,
		@Nullable String prefix, @Nullable String suffix, @Nullable String table, @Nullable String cron,
		@Nullable String timeZone) {

}
