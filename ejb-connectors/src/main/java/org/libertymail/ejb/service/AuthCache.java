package org.libertymail.ejb.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Remembers verified logins for a while, as Dovecot's auth_cache does, so a client that
 * connects every minute does not pay a PBKDF2 check (~0.1 s of CPU) each time. What is kept is
 * an HMAC of the password under a key that lives only in this JVM, never the password.
 *
 * <p>An entry is valid only together with the stored hash it was verified against: the caller
 * reads the mailbox's current hash anyway, so a password changed or a mailbox deleted - on this
 * server or on another one sharing the database - invalidates the entry at once.
 *
 * <p>{@code mailserver.auth.cache.ttl} (seconds, MicroProfile Config, so also the environment
 * variable MAILSERVER_AUTH_CACHE_TTL) sets the lifetime; 0 turns the cache off.
 */
@ApplicationScoped
public class AuthCache {
    static final long DEFAULT_TTL_SECONDS = 300;
    static final int MAX_ENTRIES = 100_000;

    private record Entry(String storedHash, byte[] verifier, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];
    private long ttlMillis;

    @PostConstruct
    void init() {
        new SecureRandom().nextBytes(key);
        ttlMillis = ConfigProvider.getConfig().getOptionalValue("mailserver.auth.cache.ttl", Long.class)
                .orElse(DEFAULT_TTL_SECONDS) * 1000;
    }

    /** Whether {@code password} was verified for {@code address} against {@code storedHash} lately. */
    public boolean verified(String address, String storedHash, String password) {
        Entry entry = entries.get(address);
        if (entry == null) {
            return false;
        }
        if (entry.expiresAtMillis() < System.currentTimeMillis() || !entry.storedHash().equals(storedHash)) {
            entries.remove(address, entry);
            return false;
        }
        return MessageDigest.isEqual(entry.verifier(), verifier(address, password));
    }

    public void remember(String address, String storedHash, String password) {
        if (ttlMillis <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded; a refill costs one PBKDF2 per active user
        }
        entries.put(address, new Entry(storedHash, verifier(address, password), System.currentTimeMillis() + ttlMillis));
    }

    public void forget(String address) {
        entries.remove(address);
    }

    private byte[] verifier(String address, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(address.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
