package dev.springbase.platform;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.springbase.platform.errors.ApiException;
import dev.springbase.platform.security.Caller;

@SpringBootApplication
class PlatformTestApplication {

	@RestController
	static class EchoController {

		@PostMapping("/test/v1/things")
		Thing create(@Valid @RequestBody Thing thing, Caller caller) {
			if ("taken".equals(thing.name())) {
				throw ApiException.conflict("test.thing_exists", "A thing named taken exists already.");
			}
			return thing;
		}

	}

	@RestController
	static class CounterController {

		private final AtomicInteger created = new AtomicInteger();

		@PostMapping("/test/v1/counters")
		ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
			if (Boolean.TRUE.equals(body.get("fail"))) {
				this.created.incrementAndGet();
				throw new IllegalStateException("failing on purpose");
			}
			int number = this.created.incrementAndGet();
			return ResponseEntity.created(URI.create("/test/v1/counters/" + number))
				.body(Map.of("number", number, "label", body.getOrDefault("label", "")));
		}

		int created() {
			return this.created.get();
		}

	}

	record Thing(@NotBlank @Size(max = 20) String name) {
	}

}
