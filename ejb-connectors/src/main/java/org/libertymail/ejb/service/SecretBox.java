package org.libertymail.ejb.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Encrypts the secrets the server must read back, unlike passwords (APOP secrets), with
 * AES-GCM. The key comes from mailserver.secret.key (base64; MAILSERVER_SECRET_KEY), else from
 * the file mailserver.secret.key.file, made with a random key on first use. A database dump
 * alone therefore reveals no secret. Servers sharing one store need the same key.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SecretBox {
    private static final String PREFIX = "{aesgcm}";
    private static final int NONCE = 12;
    private final SecureRandom random = new SecureRandom();
    private SecretKey key;

    @PostConstruct
    void init() {
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue("mailserver.secret.key", String.class);
        byte[] bytes = configured.isPresent() ? Base64.getDecoder().decode(configured.get().strip()) : keyFile();
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException("mailserver.secret.key must be 16, 24 or 32 bytes in base64");
        }
        key = new SecretKeySpec(bytes, "AES");
    }

    private byte[] keyFile() {
        Path file = Path.of(ConfigProvider.getConfig().getOptionalValue("mailserver.secret.key.file", String.class)
                .orElse(System.getProperty("java.io.tmpdir") + "/libertymail-secret.key"));
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                Path made = Files.writeString(file.resolveSibling(file.getFileName() + ".new"),
                        Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
                try {
                    Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's permissions protect it
                }
                Files.move(made, file); // no server ever reads half a key
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new IllegalStateException("The secret key file " + file + " cannot be made or read: " + e.getMessage(), e);
        }
    }

    public String encrypt(String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, all, 0, NONCE);
            System.arraycopy(sealed, 0, all, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** The secret, or null when it was sealed with another key (or is not a sealed secret). */
    public String decrypt(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return null;
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
