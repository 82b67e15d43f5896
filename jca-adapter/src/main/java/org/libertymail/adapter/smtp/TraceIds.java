package org.libertymail.adapter.smtp;

import java.security.SecureRandom;

/** Short random identifiers that tie a Received header to the log and the SMTP reply. */
final class TraceIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTVWXYZ".toCharArray();

    private TraceIds() {
    }

    static String next() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
