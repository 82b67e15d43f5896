package org.libertymail.adapter.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.libertymail.adapter.api.MessageContent;

/**
 * Reads the tokens of one IMAP command frame: the command line with its literals inlined as
 * the client sent them ("{n}" CRLF then n octets). Every method throws
 * {@link ImapParseException} when the input does not match.
 */
public final class ImapReader {
    private final byte[] in;
    private final SpooledLiterals spooled;
    private int pos;
    /** The length of the literal {@link #literal} read last. */
    private int literalLength;

    public ImapReader(byte[] frame) {
        this(frame, null);
    }

    /** @param spooled the frame's literals that were spooled instead of kept in it, or null */
    public ImapReader(byte[] frame, SpooledLiterals spooled) {
        this.in = frame;
        this.spooled = spooled;
    }

    public boolean atEnd() {
        return pos >= in.length;
    }

    public int peek() {
        return atEnd() ? -1 : in[pos] & 0xff;
    }

    public void expectEnd() {
        if (!atEnd()) {
            throw new ImapParseException("Unexpected characters at end of command");
        }
    }

    public void space() {
        if (peek() != ' ') {
            throw new ImapParseException("Missing space");
        }
        pos++;
    }

    public boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!consume(c)) {
            throw new ImapParseException("Expected '" + c + "'");
        }
    }

    /** A tag: ASTRING-CHAR except '+'. */
    public String tag() {
        int start = pos;
        while (!atEnd() && (isAtomChar(peek()) || peek() == ']') && peek() != '+') {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("Missing tag");
        }
        return ascii(start, pos);
    }

    /** An atom (RFC 3501 ATOM-CHAR). */
    public String atom() {
        int start = pos;
        while (!atEnd() && isAtomChar(peek())) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("Expected an atom");
        }
        return ascii(start, pos);
    }

    /** The atom at the current position, without consuming it. */
    public String lookAheadAtom() {
        int end = pos;
        while (end < in.length && isAtomChar(in[end] & 0xff)) {
            end++;
        }
        return ascii(pos, end);
    }

    /** A flag: atom, optionally preceded by a backslash (system flags and \*). */
    public String flag() {
        int start = pos;
        if (consume('\\')) {
            if (consume('*')) {
                return "\\*";
            }
        }
        atom();
        return ascii(start, pos);
    }

    /** An astring: atom (with ']' allowed), quoted string or literal, decoded as UTF-8. */
    public String astring() {
        int c = peek();
        if (c == '"' || c == '{' || c == '~') {
            return new String(string(), StandardCharsets.UTF_8);
        }
        int start = pos;
        while (!atEnd() && (isAtomChar(peek()) || peek() == ']')) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("Expected a string");
        }
        return ascii(start, pos);
    }

    /** A list-mailbox pattern: like astring, but '%' and '*' are allowed in the atom form. */
    public String listMailbox() {
        int c = peek();
        if (c == '"' || c == '{') {
            return new String(string(), StandardCharsets.UTF_8);
        }
        int start = pos;
        while (!atEnd() && (isAtomChar(peek()) || peek() == ']' || peek() == '%' || peek() == '*')) {
            pos++;
        }
        if (pos == start) {
            throw new ImapParseException("Expected a mailbox pattern");
        }
        return ascii(start, pos);
    }

    /** A quoted string or literal, as octets. */
    public byte[] string() {
        if (consume('"')) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                int c = peek();
                if (c < 0 || c == '\r' || c == '\n') {
                    throw new ImapParseException("Unterminated quoted string");
                }
                pos++;
                if (c == '"') {
                    return out.toByteArray();
                }
                if (c == '\\') {
                    int escaped = peek();
                    if (escaped != '\\' && escaped != '"') {
                        throw new ImapParseException("Invalid escape in quoted string");
                    }
                    pos++;
                    out.write(escaped);
                } else {
                    out.write(c);
                }
            }
        }
        MessageContent big = literal();
        if (big != null) {
            try (InputStream content = big.open()) {
                return content.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return java.util.Arrays.copyOfRange(in, pos - literalLength, pos);
    }

    /**
     * A quoted string or literal as message content: a literal that was spooled stays in its
     * spool (APPEND of a large message never holds it whole).
     */
    public MessageContent content() {
        if (peek() == '"') {
            return MessageContent.of(string());
        }
        MessageContent big = literal();
        return big != null ? big : MessageContent.of(java.util.Arrays.copyOfRange(in, pos - literalLength, pos));
    }

    /**
     * Reads a literal's announcement and moves past its octets: the spooled literal, or null
     * when the octets are in the frame (then they end at {@code pos}, {@link #literalLength} long).
     */
    private MessageContent literal() {
        if (peek() != '{' && peek() != '~') {
            throw new ImapParseException("Expected a quoted string or literal");
        }
        consume('~'); // literal8 marker (RFC 3516) is accepted where a literal is
        expect('{');
        long length = number();
        consume('+');
        expect('}');
        expect('\r');
        expect('\n');
        MessageContent big = spooled == null ? null : spooled.at(pos);
        if (big != null) {
            if (big.size() != length) {
                throw new ImapParseException("Literal is shorter than announced");
            }
            return big;
        }
        if (length > in.length - pos) {
            throw new ImapParseException("Literal is shorter than announced");
        }
        literalLength = (int) length;
        pos += (int) length;
        return null;
    }

    /** A mod-sequence value (RFC 7162): an unsigned 63-bit number. */
    public long modseq() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start || pos - start > 19) {
            throw new ImapParseException("Expected a mod-sequence");
        }
        try {
            return Long.parseLong(ascii(start, pos));
        } catch (NumberFormatException e) {
            throw new ImapParseException("Mod-sequence too large");
        }
    }

    /** An unsigned 32-bit number (RFC 3501 number / nz-number). */
    public long number() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start || pos - start > 10) {
            throw new ImapParseException("Expected a number");
        }
        long value = Long.parseLong(ascii(start, pos));
        if (value > 0xFFFFFFFFL) {
            throw new ImapParseException("Number out of range");
        }
        return value;
    }

    /** A parenthesized list of flags, or a single flag when {@code allowSingle}. */
    public List<String> flagList(boolean allowSingle) {
        List<String> flags = new ArrayList<>();
        if (!consume('(')) {
            if (!allowSingle) {
                throw new ImapParseException("Expected a flag list");
            }
            flags.add(flag());
            while (consume(' ')) {
                flags.add(flag());
            }
            return flags;
        }
        if (consume(')')) {
            return flags;
        }
        do {
            flags.add(flag());
        } while (consume(' '));
        expect(')');
        return flags;
    }

    /** A sequence-set: "1,3:5,7:*". */
    public SequenceSet sequenceSet() {
        if (consume('$')) {
            return SequenceSet.SAVED;
        }
        List<SequenceSet.Range> ranges = new ArrayList<>();
        do {
            long first = seqNumber();
            long last = consume(':') ? seqNumber() : first;
            ranges.add(new SequenceSet.Range(Math.min(first, last), Math.max(first, last)));
        } while (consume(','));
        return new SequenceSet(ranges);
    }

    private long seqNumber() {
        if (consume('*')) {
            return SequenceSet.STAR;
        }
        long n = number();
        if (n == 0) {
            throw new ImapParseException("Sequence numbers start at 1");
        }
        return n;
    }

    /** Text up to the next character in {@code stops} (used inside fetch sections). */
    public String until(String stops) {
        int start = pos;
        while (!atEnd() && stops.indexOf(peek()) < 0) {
            pos++;
        }
        return ascii(start, pos);
    }

    private String ascii(int from, int to) {
        return new String(in, from, to - from, StandardCharsets.US_ASCII);
    }

    static boolean isAtomChar(int c) {
        return c > ' ' && c < 127 && "(){%*\"\\]".indexOf(c) < 0;
    }
}
