package org.libertymail.adapter.smtp;

/** STARTTLS (RFC 3207): after 220 the session starts over, as if just connected, but encrypted. */
final class StartTlsStage implements SmtpStage {
    @Override
    public void handle(SmtpCommand command, SmtpSessionState session) {
        if (!command.argument().isEmpty()) {
            session.error("501 5.5.4 Syntax: STARTTLS");
        } else if (session.context.tls()) {
            session.error("503 5.5.1 Error: TLS already active");
        } else if (!session.context.endpoint().offerStartTls() || !session.out.tlsAvailable()) {
            session.error("502 5.5.1 Error: STARTTLS not available");
        } else {
            session.transaction.reset();
            session.heloName = null;
            session.extended = false;
            session.out.startTls("220 2.0.0 Ready to start TLS");
            session.context = session.context.withTls();
        }
    }
}
