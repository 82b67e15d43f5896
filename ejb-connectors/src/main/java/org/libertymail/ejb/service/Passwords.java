package org.libertymail.ejb.service;

import java.security.SecureRandom;
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

    /** No letters or digits that read alike (l/1, O/0). */
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** A new password of 20 characters (about 116 bits), for a first admin or a reset. */
    static String random() {
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }
}
