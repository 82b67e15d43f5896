package org.libertymail.adapter.pop3;

/**
 * One POP3 command (RFC 1939, RFC 2449, RFC 2595, RFC 5034). Commands hold no state: the
 * session's is passed in, so one instance of each serves every session.
 */
interface Pop3Command {
    void handle(String argument, Pop3SessionState session);
}
