package org.libertymail.adapter.pop3;

/** The message-number argument of LIST, UIDL, RETR, TOP and DELE (RFC 1939 5). */
final class MessageNumbers {
    private MessageNumbers() {
    }

    /** @return the 1-based number of an existing, undeleted message, or null after replying -ERR */
    static Integer parse(String argument, Pop3SessionState session) {
        String text = argument.strip();
        if (!text.matches("[0-9]{1,9}")) {
            session.error("-ERR Invalid message number");
            return null;
        }
        int n = Integer.parseInt(text);
        Maildrop maildrop = session.maildrop;
        if (n < 1 || n > maildrop.size()) {
            session.reply("-ERR No such message");
            return null;
        }
        if (maildrop.deleted[n - 1]) {
            session.reply("-ERR Message " + n + " already deleted");
            return null;
        }
        return n;
    }
}
