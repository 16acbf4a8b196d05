package dev.springbase.gateway.health;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: the platform as a whole, UP only when every service is. The
 * gateway's own liveness is {@code /actuator/health}, which does not depend on the
 * services.
 */
@RestController
class HealthController {

	private final ServicesHealth servicesHealth;

	HealthController(ServicesHealth servicesHealth) {
		this.servicesHealth = servicesHealth;
	}

	@GetMapping("/health")
	ResponseEntity<ServicesHealth.Report> health() {
		ServicesHealth.Report report = this.servicesHealth.check();
		HttpStatus status = ServicesHealth.UP.equals(report.status()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
		return ResponseEntity.status(status).body(report);
	}

}
