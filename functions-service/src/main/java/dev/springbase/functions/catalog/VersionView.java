package dev.springbase.functions.catalog;

import java.time.Instant;

record VersionView(int number, String handler, String kind, String jarSha256, long jarSize, boolean active,
		Instant createdAt) {

	static VersionView of(FunctionVersion version, boolean active) {
		return new VersionView(version.number(), version.handler(), version.kind(), version.jarSha256(),
				version.jarSize(), active, version.createdAt());
	}

}
