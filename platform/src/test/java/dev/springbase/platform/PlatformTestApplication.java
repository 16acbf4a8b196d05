package dev.springbase.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.SpringBootApplication;
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

	record Thing(@NotBlank @Size(max = 20) String name) {
	}

}
