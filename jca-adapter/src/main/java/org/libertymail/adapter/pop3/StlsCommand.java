package org.libertymail.adapter.pop3;

/** STLS (RFC 2595 4): the session starts over encrypted; pipelined input after STLS is dropped. */
final class StlsCommand implements Pop3Command {
    @Override
    public void handle(String argument, Pop3SessionState session) {
        if (!argument.isEmpty()) {
            session.error("-ERR Syntax: STLS");
        } else if (session.context.tls()) {
            session.error("-ERR TLS already active");
        } else if (!session.context.endpoint().offerStartTls() || !session.out.tlsAvailable()) {
            session.error("-ERR STLS not available");
        } else {
            session.user = null;
            session.out.startTls("+OK Begin TLS negotiation");
            session.context = session.context.withTls();
        }
    }
}
