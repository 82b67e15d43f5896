package org.libertymail.adapter.smtp;

import org.libertymail.adapter.protocol.SessionEvent;

/**
 * AUTH (RFC 4954) and the client's answers to its challenges; failed logins are held back (the
 * tarpit) and too many end the session.
 */
final class AuthStage implements SmtpStage {
    @Override
    public void handle(SmtpCommand command, SmtpSessionState session) {
        if (!session.context.authOffered()) {
            session.error("502 5.5.1 Error: authentication not enabled");
        } else if (!session.extended) {
            session.error("503 5.5.1 Error: send EHLO first");
        } else if (session.account != null) {
            session.error("503 5.5.1 Error: already authenticated");
        } else if (session.transaction.started()) {
            session.error("503 5.5.1 Error: AUTH not allowed during a mail transaction");
        } else if (!session.context.plaintextAuthAllowed()) {
            session.error("530 5.7.0 Must issue a STARTTLS command first");
        } else {
            outcome(session, session.authentication.begin(command.argument()));
        }
    }

    /** A line the client sent in answer to a challenge. */
    void respond(String line, SmtpSessionState session) {
        outcome(session, session.authentication.respond(line));
    }

    private static void outcome(SmtpSessionState session, SmtpAuthentication.Outcome outcome) {
        if (outcome.account() != null) {
            session.account = outcome.account();
            session.out.authenticated(session.account); // so an administrator's change to the mailbox can end this session
        }
        boolean failedLogon = outcome.reply().startsWith("535");
        if (failedLogon) {
            session.out.count(SessionEvent.AUTH_FAILURE);
        }
        long hold = failedLogon ? Math.max(outcome.tarpitMillis(), session.options().tarpitMillis()) : 0;
        if (hold > 0) {
            session.out.holdFor(hold);
        }
        int allowed = session.options().maxLogonFailures();
        if (failedLogon && ++session.logonFailures >= allowed && allowed > 0) {
            session.close(outcome.reply(),
                    "421 4.7.0 " + session.context.serverName() + " Too many authentication failures, closing connection");
            return;
        }
        if (outcome.error()) {
            session.error(outcome.reply());
        } else {
            session.reply(outcome.reply());
        }
    }
}
