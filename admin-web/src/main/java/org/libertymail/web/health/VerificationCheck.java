package org.libertymail.web.health;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.libertymail.ejb.service.VerificationReport;
import org.libertymail.ejb.service.VerificationService;

/**
 * The last configuration verification as a health check, for monitors that watch /health only:
 * off unless mailserver.verification.health is true (MAILSERVER_VERIFICATION_HEALTH), and never
 * part of readiness (a failed probe must not take the server out of service). It reports the
 * latest run and does not run one: DOWN when that run had a failure.
 */
@Liveness
@ApplicationScoped
public class VerificationCheck implements HealthCheck {
    @Inject
    @ConfigProperty(name = "mailserver.verification.health", defaultValue = "false")
    boolean enabled;

    @EJB
    VerificationService verification;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("verification").up();
        if (!enabled) {
            return response.withData("enabled", false).build();
        }
        List<VerificationReport> last = verification.history(1);
        if (last.isEmpty()) {
            return response.withData("lastRun", "never").build();
        }
        VerificationReport report = last.get(0);
        long failures = report.checks().stream().filter(c -> c.result().equals(VerificationReport.FAILURE)).count();
        response.withData("lastRun", report.startedAt()).withData("outcome", report.outcome()).withData("failures", failures);
        report.checks().stream().filter(c -> c.result().equals(VerificationReport.FAILURE)).limit(5)
                .forEach(c -> response.withData(c.name(), c.detail()));
        return failures > 0 ? response.down().build() : response.build();
    }
}
