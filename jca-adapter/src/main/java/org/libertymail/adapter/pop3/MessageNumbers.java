package org.libertymail.adapter.pop3;

import org.libertymail.adapter.api.MessageData;

/** The message-number argument of LIST, UIDL, RETR, TOP and DELE (RFC 1939 5). */
final class MessageNumbers {
    private MessageNumbers() {
    }

    /**
     * The message an argument names, with its content (RETR, TOP).
     *
     * @return the message, or null after replying -ERR (a bad number, or removed by another session)
     */
    static MessageData message(String argument, Pop3SessionState session) {
        Integer n = parse(argument, session);
        if (n == null) {
            return null;
        }
        MessageData message = session.maildrop.message(n);
        if (message == null) {
            session.reply("-ERR Message " + n + " was removed by another session");
        }
        return message;
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
