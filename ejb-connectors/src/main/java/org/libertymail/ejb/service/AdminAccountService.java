package org.libertymail.ejb.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.libertymail.ejb.store.AdminCredential;

/**
 * The administrator account of the REST API and console. Its password comes from MicroProfile
 * Config ({@code mailserver.admin.password}, e.g. the MAILSERVER_ADMIN_PASSWORD environment
 * variable); when that is unset, a random password is generated at the first start, logged
 * once, and only its hash is kept.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@Lock(LockType.READ)
public class AdminAccountService {
    private static final Logger LOG = Logger.getLogger(AdminAccountService.class.getName());

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    @ConfigProperty(name = "mailserver.admin.user", defaultValue = "admin")
    String adminUser;

    @Inject
    @ConfigProperty(name = "mailserver.admin.password")
    Optional<String> configuredPassword;

    private String generatedHash;

    @PostConstruct
    void init() {
        if (configured().isPresent()) {
            LOG.info(() -> "Admin user '" + adminUser + "' uses the configured password (mailserver.admin.password)");
            return;
        }
        AdminCredential stored = em.find(AdminCredential.class, adminUser);
        if (stored == null) {
            String password = Passwords.random();
            stored = new AdminCredential(adminUser, passwords.hash(password));
            em.persist(stored);
            LOG.warning("Generated the admin password (shown only this once): user '" + adminUser + "', password '"
                    + password + "'. Set MAILSERVER_ADMIN_PASSWORD to choose your own.");
        }
        generatedHash = stored.getPasswordHash();
    }

    public boolean verify(String user, String password) {
        if (user == null || password == null || !user.equals(adminUser)) {
            return false;
        }
        Optional<String> configured = configured();
        if (configured.isPresent()) {
            return MessageDigest.isEqual(configured.get().getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        }
        return passwords.matches(password, generatedHash);
    }

    private Optional<String> configured() {
        return configuredPassword.filter(p -> !p.isBlank());
    }
}
