package org.libertymail.adapter.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.libertymail.adapter.protocol.SessionEvent;
import org.libertymail.adapter.protocol.SessionOutput;

/** Writes IMAP responses (RFC 3501 section 7): untagged, tagged, continuation and FETCH. */
public final class ImapResponder {
    private final SessionOutput out;

    public ImapResponder(SessionOutput out) {
        this.out = out;
    }

    public void untagged(String text) {
        out.line("* " + text);
    }

    public void tagged(String tag, String status, String text) {
        out.line(tag + " " + status + " " + text);
    }

    public void ok(String tag, String text) {
        tagged(tag, "OK", text);
    }

    public void no(String tag, String text) {
        tagged(tag, "NO", text);
    }

    public void bad(String tag, String text) {
        tagged(tag, "BAD", text);
    }

    /** One FETCH response; items are either preformatted text or {@link Literal}s. */
    public void fetch(int msn, List<Object> items) {
        out.write("* " + msn + " FETCH (");
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.write(" ");
            }
            first = false;
            if (item instanceof Literal literal) {
                // literal8 (RFC 3516) for BINARY content that holds NUL, which a literal may not;
                // a BODY[] literal stays a literal whatever it holds, as clients expect
                boolean nul = false;
                for (int i = 0; literal.binary() && i < literal.bytes().length && !nul; i++) {
                    nul = literal.bytes()[i] == 0;
                }
                out.write(literal.name() + (nul ? " ~{" : " {") + literal.bytes().length + "}\r\n");
                out.write(literal.bytes());
            } else if (item instanceof Raw raw) {
                out.write(raw.name() + " ");
                out.write(raw.value());
            } else if (item instanceof StreamedLiteral literal) {
                out.write(literal.name() + " {" + literal.length() + "}\r\n");
                literal.content().accept(piece -> {
                    out.write(piece);
                    out.flushAndWait();
                });
            } else {
                out.write(item.toString());
            }
        }
        out.write(")\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A command continuation request (RFC 3501 7.5), e.g. a SASL challenge. */
    public void continuation(String text) {
        out.line("+ " + text);
        out.flush();
    }

    /** Holds back the next replies for a while (the tarpit after a failed login). */
    public void holdFor(long millis) {
        out.holdFor(millis);
    }

    /** See {@link SessionOutput#count}. */
    public void count(SessionEvent event) {
        out.count(event);
    }

    /** See {@link SessionOutput#authenticated}. */
    public boolean authenticated(String account) {
        return out.authenticated(account);
    }

    /** Whether STARTTLS can work here (the server has a certificate). */
    public boolean tlsAvailable() {
        return out.tlsAvailable();
    }

    /** Sends the tagged OK in the clear and starts TLS; pipelined input after it is dropped. */
    public void startTls(String tag, String text) {
        out.startTls(tag + " OK " + text);
    }

    /** See {@link SessionOutput#watchMailbox}. */
    public void watch(String account) {
        out.watchMailbox(account);
    }

    public void unwatch() {
        out.unwatchMailbox();
    }

    /** See {@link SessionOutput#mailboxChanged}. */
    public void changed(String account) {
        out.mailboxChanged(account);
    }

    public void flush() {
        out.flush();
    }

    public void close() {
        out.close();
    }

    /**
     * A named literal item of a FETCH response, such as BODY[] {123}.
     *
     * @param binary a BINARY item (RFC 3516), sent as literal8 when it holds NUL
     */
    public record Literal(String name, byte[] bytes, boolean binary) {
        public Literal(String name, byte[] bytes) {
            this(name, bytes, false);
        }
    }

    /** A named item whose value is ready-made IMAP syntax, such as ENVELOPE (…). */
    public record Raw(String name, byte[] value) {
    }

    /**
     * A literal too large to hold: {@code content} hands exactly {@code length} bytes, piece by
     * piece, to the consumer it is given, and each piece is sent before the next is read.
     */
    public record StreamedLiteral(String name, long length, Consumer<Consumer<byte[]>> content) {
    }
}
