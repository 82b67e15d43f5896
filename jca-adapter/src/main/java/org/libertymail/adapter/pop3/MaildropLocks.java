package org.libertymail.adapter.pop3;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 1939 section 8: one POP3 session at a time may hold a maildrop, from login to the end of
 * the session; another that logs in meanwhile gets -ERR [IN-USE] (RFC 2449). Held by this
 * server's POP3 listener for all its connections.
 */
public final class MaildropLocks {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** @return false when another session holds the maildrop */
    public boolean lock(String account) {
        return held.add(account.toLowerCase(Locale.ROOT));
    }

    public void unlock(String account) {
        held.remove(account.toLowerCase(Locale.ROOT));
    }
}
