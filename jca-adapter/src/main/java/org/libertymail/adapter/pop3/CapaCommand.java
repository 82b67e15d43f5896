package org.libertymail.adapter.pop3;

import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.sasl.SaslExchange;

/** CAPA (RFC 2449): what this binding offers now, in either state. */
final class CapaCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        boolean loggedIn = session.maildrop != null;
        session.out.line("+OK Capability list follows");
        if (!loggedIn && session.context.plaintextAuthAllowed()) {
            session.out.line("USER");
            session.out.line("SASL " + String.join(" ", SaslExchange.MECHANISMS));
        }
        if (!loggedIn && session.context.startTlsOffered() && session.out.tlsAvailable()) {
            session.out.line("STLS");
        }
        for (String capability : new String[] {"TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"}) {
            session.out.line(capability);
        }
        Endpoint.AccessOptions access = session.context.endpoint().custom().access();
        // RFC 2449 6.7, 6.8: before login the server's policy, after it the account's, which is the same here
        session.out.line("EXPIRE " + access.expire());
        if (access.loginDelaySeconds() > 0) {
            session.out.line("LOGIN-DELAY " + access.loginDelaySeconds());
        }
        session.out.line("IMPLEMENTATION LibertyMail");
        session.reply(".");
    }
}
