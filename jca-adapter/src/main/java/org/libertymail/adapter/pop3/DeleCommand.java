package org.libertymail.adapter.pop3;

/** DELE (RFC 1939 5): marks the message; only QUIT removes it. */
final class DeleCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        Integer n = MessageNumbers.parse(argument, session);
        if (n != null) {
            session.maildrop.deleted[n - 1] = true;
            session.reply("+OK Message " + n + " deleted");
        }
    }
}
