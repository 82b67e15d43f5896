package org.libertymail.adapter.pop3;

/** USER name (RFC 1939 7), where plaintext logins are allowed. */
final class UserCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        if (!session.context.plaintextAuthAllowed()) {
            session.error("-ERR [AUTH] Plaintext authentication is disallowed on insecure connections");
        } else if (argument.isBlank()) {
            session.error("-ERR Syntax: USER name");
        } else {
            session.user = argument.strip();
            session.reply("+OK Send your password");
        }
    }
}
