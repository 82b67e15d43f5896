package org.libertymail.adapter.pop3;

/**
 * APOP name digest (RFC 1939 section 7): the MD5 of the greeting's timestamp with the
 * mailbox's APOP secret. No password crosses the wire, so it is accepted on plain connections;
 * only mailboxes an administrator gave a secret may use it.
 */
final class ApopCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        String[] parts = argument.strip().split(" +");
        if (parts.length != 2 || !parts[1].matches("[0-9a-fA-F]{32}")) {
            session.error("-ERR Syntax: APOP name digest");
            return;
        }
        session.user = null;
        String name = parts[0];
        String digest = parts[1];
        Login.attempt(session, session.authenticator.authenticate(name, session.context.remoteIp(),
                () -> session.store.authenticateApop(name, session.timestamp, digest)));
    }
}
