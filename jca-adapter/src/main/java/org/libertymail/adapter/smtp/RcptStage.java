package org.libertymail.adapter.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.RecipientCheck;
import org.libertymail.adapter.api.RecipientVerdict;

/**
 * RCPT TO (RFC 5321 4.1.1.3) with NOTIFY and ORCPT (RFC 3461): the store says whether it takes
 * the address (a local mailbox with room, or a domain a send connector routes for a
 * submitter); its answer is remembered a moment ({@link RecipientCache}). No open relay.
 */
final class RcptStage implements SmtpStage {
    @Override
    public void handle(SmtpCommand command, SmtpSessionState session) {
        MailTransaction transaction = session.transaction;
        if (!transaction.started()) {
            session.error("503 5.5.1 Error: need MAIL command");
            return;
        }
        Optional<PathArgument> path = PathArgument.parse(command.argument(), "TO");
        if (path.isEmpty()) {
            session.error("501 5.5.4 Syntax: RCPT TO:<address>");
            return;
        }
        String notify = null;
        String orcpt = null;
        for (Map.Entry<String, String> param : path.get().parameters().entrySet()) {
            if (!session.options().offers("DSN") || !session.extended) {
                session.error("555 5.5.4 Unsupported RCPT parameter");
                return;
            }
            if (param.getKey().equals("NOTIFY")) {
                notify = DsnParameters.notify(param.getValue());
                if (notify == null) {
                    session.error("501 5.5.4 NOTIFY must be NEVER or any of SUCCESS, FAILURE, DELAY");
                    return;
                }
            } else if (param.getKey().equals("ORCPT")) {
                String problem = DsnParameters.orcptProblem(param.getValue());
                if (problem != null) {
                    session.error(problem);
                    return;
                }
                orcpt = param.getValue();
            } else {
                session.error("555 5.5.4 Unsupported RCPT parameter " + param.getKey());
                return;
            }
        }
        String address = path.get().address();
        if (address.isEmpty()) {
            session.error("501 5.1.3 Bad recipient address syntax");
            return;
        }
        if (!SmtpSessionState.isAscii(address)) {
            if (!transaction.utf8) {
                session.error("553 5.6.7 <" + address + ">: Non-ASCII address needs the SMTPUTF8 parameter");
                return;
            }
            // Commands are read as ISO-8859-1, byte for char; the store wants the UTF-8 text.
            address = new String(address.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        if (transaction.recipients.size() >= session.context.limits().maxRecipients()) {
            session.reply("452 4.5.3 Error: too many recipients");
            return;
        }
        RecipientVerdict verdict = session.knownRecipients.lookup(address, transaction.declaredSize);
        if (verdict == null) {
            try {
                RecipientCheck check = session.store.checkRecipient(address, transaction.declaredSize);
                session.knownRecipients.remember(address, check);
                verdict = check.verdict();
            } catch (RuntimeException e) {
                session.reply(SmtpSessionState.temporaryFailure(e));
                return;
            }
        }
        boolean mayRelay = session.account != null && session.context.endpoint().submission();
        switch (verdict) {
            case ACCEPTED -> accept(session, new EnvelopeRecipient(address, false, notify, orcpt));
            case REMOTE -> {
                if (mayRelay) {
                    accept(session, new EnvelopeRecipient(address, true, notify, orcpt));
                } else {
                    session.reply("550 5.7.1 <" + address + ">: Relay access denied");
                }
            }
            case UNKNOWN_MAILBOX -> session.reply("550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
            case RELAY_DENIED -> session.reply(!mayRelay ? "550 5.7.1 <" + address + ">: Relay access denied"
                    : "550 5.7.1 <" + address + ">: No send connector routes mail to this domain");
            case OVER_QUOTA -> session.reply("552 5.2.2 <" + address + ">: Mailbox full");
        }
    }

    /** A recipient the server takes: listed once, however often it is given. */
    private static void accept(SmtpSessionState session, EnvelopeRecipient recipient) {
        MailTransaction transaction = session.transaction;
        if (transaction.recipients.stream().noneMatch(recipient.address()::equalsIgnoreCase)) {
            transaction.recipients.add(recipient.address());
            transaction.recipientDetails.put(recipient.address(), recipient);
        }
        session.reply("250 2.1.5 Ok");
    }
}
