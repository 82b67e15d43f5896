package org.libertymail.web.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.libertymail.ejb.service.StoreHealth;

/** Started once the database schema is in place and answers. */
@Startup
@ApplicationScoped
public class StartupCheck implements HealthCheck {
    @EJB
    StoreHealth store;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mailserver").status(store.databaseProblem().isEmpty()).build();
    }
}
