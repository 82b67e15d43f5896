package org.libertymail.adapter.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BDAT size [LAST] (RFC 3030 CHUNKING). The transport hands the chunk over whatever is said
 * here, so a refusal waits until the chunk is consumed, and the reply comes then.
 */
final class BdatStage implements SmtpStage {
    /** The BDAT argument; the transport's SmtpFrameDecoder reads chunks after exactly these lines. */
    private static final Pattern ARGUMENT = Pattern.compile("(?i)([0-9]{1,18})(?:[ \t]+(LAST))?");

    @Override
    public void handle(SmtpCommand command, SmtpSessionState session) {
        MailTransaction transaction = session.transaction;
        Matcher m = ARGUMENT.matcher(command.argument());
        if (!m.matches()) {
            session.error("501 5.5.4 Syntax: BDAT size [LAST]");
            return; // the transport read no chunk either: same pattern
        }
        transaction.chunkOctets = Long.parseLong(m.group(1));
        transaction.lastChunk = m.group(2) != null;
        transaction.chunkRefusal = !session.options().offers("CHUNKING") ? "502 5.5.1 Error: BDAT not available"
                : !transaction.started() ? "503 5.5.1 Error: need MAIL command"
                : transaction.recipients.isEmpty() ? "554 5.5.1 Error: no valid recipients" : null;
        if (transaction.chunkRefusal == null && !transaction.chunking) {
            transaction.chunking = true;
            transaction.startContent();
        }
    }

    /** A piece of the chunk; {@code end}: its last. */
    void chunk(byte[] piece, boolean end, SmtpSessionState session) {
        MailTransaction transaction = session.transaction;
        if (transaction.chunkRefusal == null && !transaction.dataTooLarge) {
            transaction.hops.feed(piece, 0, piece.length);
            transaction.write(piece, 0, piece.length, session.context.limits().maxMessageSize());
        }
        if (!end) {
            return;
        }
        if (transaction.chunkRefusal != null) {
            session.error(transaction.chunkRefusal);
        } else if (!transaction.lastChunk && !transaction.dataTooLarge) {
            session.reply("250 2.0.0 " + transaction.chunkOctets + " octets received");
        } else {
            MessageDelivery.finish(session);
        }
    }
}
