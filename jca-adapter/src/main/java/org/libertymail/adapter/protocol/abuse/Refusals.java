package org.libertymail.adapter.protocol.abuse;

import org.libertymail.adapter.api.Protocol;

/** What each protocol says to a connection it turns away before a session starts. */
public final class Refusals {
    private Refusals() {
    }

    public static String tooManyConnections(Protocol protocol, String serverName) {
        return switch (protocol) {
            case SMTP -> "421 4.7.0 " + serverName + " Too many connections, try again later";
            case IMAP -> "* BYE [UNAVAILABLE] Too many connections, try again later";
            case POP3 -> "-ERR [SYS/TEMP] Too many connections, try again later";
        };
    }
}
