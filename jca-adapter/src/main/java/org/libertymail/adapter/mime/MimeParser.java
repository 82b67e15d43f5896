package org.libertymail.adapter.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the MIME structure of a message (RFC 2045, 2046) in one pass over a stream, holding no
 * more than a line and the header fields it needs. Malformed input never fails: a missing
 * boundary ends the part at the end of the message, as mail readers do.
 */
final class MimeParser {
    /** Encapsulated messages nested deeper than this are treated as opaque parts. */
    private static final int MAX_DEPTH = 32;
    private static final int HEADER_CAPTURE_LIMIT = 256 * 1024;

    private final MimeLineReader reader;
    private final Deque<byte[]> boundaries = new ArrayDeque<>();
    private byte[] topHeader;

    private MimeParser(InputStream in) {
        this.reader = new MimeLineReader(in);
    }

    /** The parsed message and its raw header (null when larger than 256 KiB). */
    record Parsed(MimeEntity message, byte[] header, long size) {
    }

    static Parsed parse(InputStream in) throws IOException {
        MimeParser parser = new MimeParser(in);
        MimeEntity message = parser.entity(false, 0);
        return new Parsed(message, parser.topHeader, message.end);
    }

    private MimeEntity entity(boolean digestPart, int depth) throws IOException {
        MimeEntity e = new MimeEntity();
        e.headerStart = reader.position();
        if (depth == 0) {
            reader.startCapture(HEADER_CAPTURE_LIMIT);
        }
        readHeader(e.header);
        if (depth == 0) {
            topHeader = reader.stopCapture();
        }
        e.bodyStart = reader.position();
        contentType(e, digestPart);
        long lineFeedsAtBody = reader.lineFeeds();
        String boundary = e.params.get("boundary");
        if (e.multipart() && boundary != null && !boundary.isEmpty() && depth < MAX_DEPTH) {
            multipartBody(e, boundary, depth);
        } else if (isMessage(e) && depth < MAX_DEPTH) {
            e.message = entity(false, depth + 1);
            skipToBoundary();
        } else {
            skipToBoundary();
        }
        finish(e, lineFeedsAtBody);
        return e;
    }

    private void readHeader(HeaderFields header) throws IOException {
        MimeLineReader.Line line;
        while ((line = reader.peek()) != null) {
            if (line.blank()) {
                reader.next();
                return;
            }
            if (!boundaries.isEmpty() && delimiter(line) != Delimiter.NONE) {
                return; // a part without a body; the delimiter is its parent's
            }
            reader.next();
            header.line(line.head());
        }
    }

    private static void contentType(MimeEntity e, boolean digestPart) {
        String value = e.header.get("content-type");
        MimeParams ct = value == null ? null : MimeParams.parse(value);
        int slash = ct == null ? -1 : ct.value().indexOf('/');
        if (slash <= 0 || slash == ct.value().length() - 1) {
            e.defaultType = !digestPart;
            e.type = digestPart ? "message" : "text";
            e.subtype = digestPart ? "rfc822" : "plain";
            e.params = digestPart ? Map.of() : Map.of("charset", "us-ascii");
            return;
        }
        e.type = ct.value().substring(0, slash).strip();
        e.subtype = ct.value().substring(slash + 1).strip();
        e.params = ct.params();
    }

    private static boolean isMessage(MimeEntity e) {
        if (!e.type.equals("message") || !(e.subtype.equals("rfc822") || e.subtype.equals("global"))) {
            return false;
        }
        String encoding = e.header.get("content-transfer-encoding");
        String cte = encoding == null ? "7bit" : encoding.toLowerCase(Locale.ROOT);
        return !cte.equals("base64") && !cte.equals("quoted-printable"); // encoded: opaque
    }

    private void multipartBody(MimeEntity e, String boundary, int depth) throws IOException {
        boundaries.push(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        boolean digest = e.subtype.equals("digest");
        try {
            MimeLineReader.Line line;
            while ((line = reader.peek()) != null) {
                Delimiter d = delimiter(line);
                if (d == Delimiter.OUTER) {
                    return;
                }
                reader.next();
                if (d == Delimiter.OPEN) {
                    e.children.add(entity(digest, depth + 1));
                } else if (d == Delimiter.CLOSE) {
                    boundaries.pop();
                    try {
                        skipToBoundary(); // the epilogue
                    } finally {
                        boundaries.push(new byte[0]); // balanced by the pop below; matches nothing
                    }
                    return;
                }
            }
        } finally {
            boundaries.pop();
        }
    }

    /** Consumes lines up to the next delimiter of an enclosing multipart, or to the end. */
    private void skipToBoundary() throws IOException {
        MimeLineReader.Line line;
        while ((line = reader.peek()) != null && (boundaries.isEmpty() || delimiter(line) == Delimiter.NONE)) {
            reader.next();
        }
    }

    /**
     * Sets where the entity ends: at the next delimiter line, less the line break before it
     * (which belongs to the delimiter, RFC 2046 5.1.1), or at the end of the message.
     */
    private void finish(MimeEntity e, long lineFeedsAtBody) throws IOException {
        MimeLineReader.Line last = reader.last();
        long lineFeeds = reader.lineFeeds() - lineFeedsAtBody;
        boolean atDelimiter = reader.peek() != null;
        long end = reader.position();
        boolean endsWithLineFeed = last != null && last.terminatorLength() > 0;
        if (atDelimiter && last != null && last.end() == end && last.terminatorLength() > 0) {
            end -= last.terminatorLength();
            lineFeeds--;
            endsWithLineFeed = last.contentLength() == 0; // then the byte before is the previous line's LF
        }
        if (end <= e.bodyStart) {
            e.end = e.bodyStart;
            e.lines = 0;
            return;
        }
        e.end = end;
        e.lines = Math.max(0, lineFeeds) + (endsWithLineFeed ? 0 : 1);
    }

    private enum Delimiter {
        NONE, OPEN, CLOSE, OUTER
    }

    private Delimiter delimiter(MimeLineReader.Line line) {
        byte[] head = line.head();
        if (head.length < 3 || head[0] != '-' || head[1] != '-') {
            return Delimiter.NONE;
        }
        boolean innermost = true;
        for (byte[] b : boundaries) {
            if (b.length > 0 && startsWith(head, b)) {
                int rest = b.length;
                boolean close = head.length >= rest + 2 && head[rest] == '-' && head[rest + 1] == '-';
                if (close || blankFrom(head, rest)) {
                    if (!innermost) {
                        return Delimiter.OUTER;
                    }
                    return close ? Delimiter.CLOSE : Delimiter.OPEN;
                }
            }
            innermost = false;
        }
        return Delimiter.NONE;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean blankFrom(byte[] head, int from) {
        for (int i = from; i < head.length; i++) {
            if (head[i] != ' ' && head[i] != '\t' && head[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
