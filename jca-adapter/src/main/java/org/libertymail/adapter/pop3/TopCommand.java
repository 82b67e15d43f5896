package org.libertymail.adapter.pop3;

import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.protocol.StoredContent;

/** TOP msg n (RFC 1939 7): the header and the first n lines of the body. */
final class TopCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        String[] parts = argument.strip().split(" +");
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
            session.error("-ERR Syntax: TOP message lines");
            return;
        }
        MessageData message = MessageNumbers.message(parts[0], session);
        if (message == null) {
            return;
        }
        Maildrop maildrop = session.maildrop;
        int lines = Integer.parseInt(parts[1]);
        StoredContent content = maildrop.content();
        boolean stored = maildrop.format == RetrievalFormat.BEST_BODY_FORMAT;
        // The header and the first lines are nearly always in the first piece of a large message.
        byte[] bytes = stored ? content.prefix(message) : maildrop.served(message);
        int end = TopLines.end(bytes, lines);
        if (stored && end == bytes.length && bytes.length < message.size()) {
            bytes = content.whole(message);
            end = TopLines.end(bytes, lines);
        }
        session.out.line("+OK Top of message follows");
        session.out.write(DotStuffing.encode(bytes, end));
        session.reply(".");
    }
}
