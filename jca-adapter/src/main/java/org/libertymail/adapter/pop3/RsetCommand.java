package org.libertymail.adapter.pop3;

/** RSET (RFC 1939 5): unmarks every message DELE marked. */
final class RsetCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        Maildrop maildrop = session.maildrop;
        maildrop.deleted = new boolean[maildrop.size()];
        session.reply("+OK Maildrop has " + maildrop.size() + " messages (" + maildrop.totalSize() + " octets)");
    }
}
