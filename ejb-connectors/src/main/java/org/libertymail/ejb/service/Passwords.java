package org.libertymail.ejb.service;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/** Hashes and checks passwords with Jakarta Security's PBKDF2 (HMAC-SHA256). */
@ApplicationScoped
public class Passwords {
    /**
     * Every POP3/IMAP connection logs in, so the cost is a trade-off: measured 0.1-0.16 s of one
     * core per check on the CI machine (warm JVM).
     */
    static final int ITERATIONS = 100_000;

    @Inject
    Pbkdf2PasswordHash hash;

    private String dummyHash;

    @PostConstruct
    void init() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(ITERATIONS),
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        dummyHash = hash.generate("unused-password".toCharArray());
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    public boolean matches(String password, String storedHash) {
        return hash.verify(password.toCharArray(), storedHash);
    }

    /** Spends the same time as a real check, so unknown users cannot be told apart by timing. */
    public void burn(String password) {
        hash.verify(password.toCharArray(), dummyHash);
    }
}
