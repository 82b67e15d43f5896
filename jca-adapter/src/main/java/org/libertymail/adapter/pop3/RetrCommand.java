package org.libertymail.adapter.pop3;

import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.RetrievalFormat;

/**
 * RETR (RFC 1939 5): the message, dot-stuffed; a large one streamed piece by piece, each piece
 * sent before the next is read; converted when the session serves another body format.
 */
final class RetrCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        MessageData message = MessageNumbers.message(argument, session);
        if (message == null) {
            return;
        }
        Maildrop maildrop = session.maildrop;
        if (maildrop.format != RetrievalFormat.BEST_BODY_FORMAT) {
            byte[] served = maildrop.served(message);
            session.out.line("+OK " + served.length + " octets");
            session.out.write(DotStuffing.encode(served, served.length));
            session.reply(".");
            return;
        }
        session.out.line("+OK " + message.size() + " octets");
        DotStuffing stuffing = new DotStuffing();
        boolean streamed = message.content() == null;
        maildrop.content().copy(message, 0, message.size(), piece -> {
            session.out.write(stuffing.next(piece, piece.length));
            if (streamed) {
                session.out.flushAndWait();
            }
        });
        session.out.write(stuffing.finish());
        session.reply(".");
    }
}
