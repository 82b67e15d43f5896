package org.libertymail.adapter.pop3;

/** STAT (RFC 1939 5): messages not marked deleted and their octets. */
final class StatCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        session.reply("+OK " + session.maildrop.count() + " " + session.maildrop.totalSize());
    }
}
