package org.libertymail.adapter.smtp;

import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.sasl.SaslExchange;

/** EHLO and HELO (RFC 5321 4.1.1.1): a new start, and for EHLO the extensions this connector offers. */
final class HelloStage implements SmtpStage {
    @Override
    public void handle(SmtpCommand command, SmtpSessionState session) {
        boolean esmtp = command.verb().equals("EHLO");
        String domain = command.argument();
        if (domain.isEmpty() || domain.contains(" ")) {
            session.error("501 5.5.4 Syntax: " + command.verb() + " hostname");
            return;
        }
        session.transaction.reset();
        session.heloName = domain;
        session.extended = esmtp;
        String serverName = session.context.serverName();
        if (!esmtp) {
            session.reply("250 " + serverName);
            return;
        }
        Endpoint.SmtpOptions options = session.options();
        session.out.line("250-" + serverName + " Hello " + domain);
        if (options.offers("PIPELINING")) {
            session.out.line("250-PIPELINING");
        }
        if (options.offers("SIZE")) {
            session.out.line("250-SIZE " + session.context.limits().maxMessageSize());
        }
        for (String extension : new String[] {"8BITMIME", "SMTPUTF8", "DSN"}) {
            if (options.offers(extension)) {
                session.out.line("250-" + extension);
            }
        }
        if (options.offers("CHUNKING")) {
            session.out.line("250-CHUNKING");
            if (options.offers("BINARYMIME")) {
                session.out.line("250-BINARYMIME");
            }
        }
        if (session.context.startTlsOffered() && session.out.tlsAvailable()) {
            session.out.line("250-STARTTLS");
        }
        if (session.account == null && session.context.plaintextAuthAllowed()) {
            session.out.line("250-AUTH " + String.join(" ", SaslExchange.MECHANISMS));
        }
        session.reply(options.offers("ENHANCEDSTATUSCODES") ? "250 ENHANCEDSTATUSCODES" : "250 HELP");
    }
}
