package org.libertymail.adapter.smtp;

/**
 * DATA (RFC 5321 4.1.1.4) and the message lines after it, dot-unstuffed, up to the line with a
 * single "."; the content goes to a spool, a file once large, and is delivered by
 * {@link MessageDelivery}.
 */
final class DataStage implements SmtpStage {
    private static final byte[] CRLF = {'\r', '\n'};

    @Override
    public void handle(SmtpCommand command, SmtpSessionState session) {
        MailTransaction transaction = session.transaction;
        if (!command.argument().isEmpty()) {
            session.error("501 5.5.4 Syntax: DATA");
            return;
        }
        if (!transaction.started()) {
            session.error("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (transaction.recipients.isEmpty()) {
            session.error("554 5.5.1 Error: no valid recipients");
            return;
        }
        if (transaction.chunking || transaction.binaryMime) {
            session.error("503 5.5.1 Error: " + (transaction.chunking ? "DATA after BDAT" : "BODY=BINARYMIME needs BDAT"));
            return;
        }
        transaction.receivingData = true;
        transaction.startContent();
        session.out.expectContent();
        session.reply("354 End data with <CR><LF>.<CR><LF>");
    }

    /** One line of the message, without its CRLF; the "." alone ends it. */
    void line(byte[] line, SmtpSessionState session) {
        MailTransaction transaction = session.transaction;
        if (line.length == 1 && line[0] == '.') {
            transaction.receivingData = false;
            MessageDelivery.finish(session);
            return;
        }
        int offset = line.length > 0 && line[0] == '.' ? 1 : 0; // dot-unstuffing, RFC 5321 4.5.2
        transaction.hops.feed(line, offset, line.length - offset);
        transaction.hops.feed(CRLF, 0, 2);
        long limit = session.context.limits().maxMessageSize();
        transaction.write(line, offset, line.length - offset, limit);
        transaction.write(CRLF, 0, 2, limit);
    }
}
