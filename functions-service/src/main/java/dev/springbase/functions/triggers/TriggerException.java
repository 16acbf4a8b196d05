package dev.springbase.functions.triggers;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.springbase.platform.errors.ApiException;

/** Expected failures around triggers. */
final class TriggerException {

	private TriggerException() {
	}

	static ApiException invalid(String detail) {
		return ApiException.badRequest("functions.invalid_trigger", detail);
	}

	static ApiException invalidCron(String cron, String why) {
		return ApiException.badRequest("functions.invalid_cron", "'" + cron + "' is not a cron expression that fires: "
				+ why
				+ ". Use six fields (second minute hour day-of-month month day-of-week), e.g. '0 */5 * * * *', or a macro such as @hourly.");
	}

	static ApiException invalidTimeZone(String zone) {
		return ApiException.badRequest("functions.invalid_time_zone",
				"'" + zone + "' is not a time zone; use an IANA name such as Europe/Oslo, or UTC.");
	}

	static ApiException notFound(String function, UUID id) {
		return ApiException.notFound("functions.trigger_not_found", "Function '" + function + "' has no trigger " + id
				+ ". List its triggers with GET /functions/v1/functions/" + function + "/triggers.");
	}

	static ApiException tooMany(String function, int max) {
		return ApiException.conflict("functions.too_many_triggers",
				"Function '" + function + "' has " + max + " triggers, the most it may have; delete one first.");
	}

}
