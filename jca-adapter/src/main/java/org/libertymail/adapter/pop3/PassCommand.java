package org.libertymail.adapter.pop3;

/** PASS password (RFC 1939 7), after USER. */
final class PassCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        if (session.user == null) {
            session.error("-ERR Send USER first");
            return;
        }
        String candidate = session.user;
        session.user = null;
        Login.attempt(session, session.authenticator.authenticate(candidate, argument, session.context.remoteIp()));
    }
}
