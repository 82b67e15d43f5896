package org.libertymail.adapter.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** RFC 1939 section 7: APOP's digest, MD5 of the greeting's timestamp and the shared secret. */
public final class ApopDigest {
    private ApopDigest() {
    }

    /** The digest in lower-case hex, as clients send it. */
    public static String of(String timestamp, String secret) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((timestamp + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }

    /** Whether a client's digest is right, compared in constant time. */
    public static boolean matches(String digest, String timestamp, String secret) {
        byte[] expected = of(timestamp, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
