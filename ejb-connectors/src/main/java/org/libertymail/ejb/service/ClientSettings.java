package org.libertymail.ejb.service;

import java.util.List;

/**
 * What a user types into Thunderbird, Outlook or a phone to use a mailbox (Exchange's "POP and
 * IMAP settings" page), best choice first in each list.
 *
 * @param username what to log in with: the full address
 */
public record ClientSettings(String address, String username, List<Server> imap, List<Server> pop3, List<Server> smtp) {

    /**
     * One server to connect to.
     *
     * @param encryption "SSL" (TLS from the first byte), "STARTTLS", or "none"
     * @param authentication how the password goes: "password" over the encryption named
     */
    public record Server(String host, int port, String encryption, String authentication) {
    }
}
