package org.libertymail.adapter.smtp;

import java.nio.charset.StandardCharsets;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.Envelope;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.mime.MessageAnalyzer;
import org.libertymail.adapter.protocol.SessionEvent;

/**
 * The end of a transaction's content: refused when too large, with a line too long or too many
 * Received headers (a loop), else stamped with a Received header, analysed once for IMAP and
 * handed to the store, which answers only after it has committed (250 means stored).
 */
final class MessageDelivery {
    private MessageDelivery() {
    }

    static void finish(SmtpSessionState session) {
        MailTransaction transaction = session.transaction;
        try {
            if (transaction.dataTooLarge) {
                session.reply("552 5.3.4 Message size exceeds fixed maximum message size");
            } else if (transaction.dataLineTooLong) {
                session.reply("500 5.5.2 Line too long");
            } else if (transaction.hops.received() > session.options().maxHopCount()) {
                session.reply("554 5.4.6 Hop count exceeded - possible mail loop");
            } else {
                deliver(session, transaction);
            }
        } finally {
            transaction.reset();
        }
    }

    private static void deliver(SmtpSessionState session, MailTransaction transaction) {
        String traceId = TraceIds.next();
        byte[] trace = ReceivedHeader.build(session.heloName, session.extended, transaction.utf8, session.account != null,
                session.context, traceId, transaction.recipients, session.clock).getBytes(StandardCharsets.ISO_8859_1);
        DeliveryReceipt receipt;
        MessageContent content;
        try {
            // analysed once here, so IMAP never parses the message again
            content = MessageAnalyzer.analyzed(transaction.data.content(trace));
            receipt = session.store.deliver(new Envelope(transaction.reversePath,
                    transaction.recipients.stream().map(transaction.recipientDetails::get).toList(), transaction.envid,
                    transaction.ret, session.account), content);
        } catch (RuntimeException e) {
            session.reply(SmtpSessionState.temporaryFailure(e));
            return;
        }
        switch (receipt.outcome()) {
            case STORED -> {
                session.knownRecipients.delivered(transaction.recipients.stream()
                        .filter(r -> !transaction.recipientDetails.get(r).remote()).toList(), content.size());
                receipt.accounts().forEach(session.out::mailboxChanged); // IMAP IDLE sessions of these mailboxes
                session.out.count(SessionEvent.MESSAGE_ACCEPTED);
                session.reply("250 2.0.0 Ok: queued as " + traceId);
            }
            case OVER_QUOTA -> {
                session.knownRecipients.forget(receipt.detail());
                session.reply("552 5.2.2 <" + receipt.detail() + ">: Mailbox full, message not delivered");
            }
        }
    }
}
