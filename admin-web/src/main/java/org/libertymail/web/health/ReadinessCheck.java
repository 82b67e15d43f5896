package org.libertymail.web.health;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.libertymail.adapter.api.BindingState;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.ejb.service.ProtocolService;
import org.libertymail.ejb.service.StoreHealth;

/**
 * Ready when the database answers and every enabled listener is bound. A listener an admin
 * disabled does not make the server unready; its state is still reported.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @EJB
    StoreHealth store;

    @EJB
    ProtocolService protocols;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mailserver");
        Optional<String> problem;
        try {
            problem = store.databaseProblem();
        } catch (RuntimeException e) { // the bean's own transaction could not start
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        boolean up = problem.isEmpty();
        response.withData("database", up ? "UP" : "DOWN");
        problem.ifPresent(p -> response.withData("database.error", p));
        List<ListenerState> listeners;
        try {
            listeners = protocols.listeners();
        } catch (RuntimeException e) {
            return response.withData("listeners", "adapter unavailable").down().build();
        }
        for (ListenerState s : listeners) {
            String state = s.bound() ? "bound" : s.enabled() ? "unbound" : "disabled";
            response.withData(s.protocol().id() + ".state", state);
            response.withData(s.protocol().id() + ".port", s.port());
            for (BindingState b : s.bindings()) {
                response.withData(s.protocol().id() + "." + b.name() + ".port", b.port());
                if (s.enabled() && !b.bound()) {
                    response.withData(s.protocol().id() + "." + b.name() + ".error",
                            b.error() == null ? "not bound" : b.error());
                }
            }
            up &= s.bound() || !s.enabled();
        }
        return response.status(up).build();
    }
}
