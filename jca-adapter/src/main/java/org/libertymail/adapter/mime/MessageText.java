package org.libertymail.adapter.mime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.libertymail.adapter.api.MessageStructure.PartRange;
import org.libertymail.adapter.api.MessageStructure;

/**
 * The text of a message as a reader sees it, for IMAP SEARCH: header fields with their encoded
 * words decoded (RFC 2047) and text parts decoded from base64 or quoted-printable and from their
 * charset. Attachments and other non-text parts are not searched.
 */
public final class MessageText {
    /** A text part larger than this is searched in its first bytes only. */
    static final int PART_LIMIT = 8 * 1024 * 1024;
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=)[ \\t\\r\\n]+(?==\\?)");

    private MessageText() {
    }

    /** Reads bytes {@code from} to {@code to} of the message. */
    @FunctionalInterface
    public interface Bytes {
        byte[] read(long from, long to);
    }

    /** Every value of the named field in {@code header}, unfolded and decoded, in order. */
    public static List<String> fields(byte[] header, String name) {
        List<String> values = new ArrayList<>();
        String text = text(header);
        int i = 0;
        while (i < text.length()) {
            int end = fieldEnd(text, i);
            String field = text.substring(i, end);
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase(name)) {
                values.add(decodeWords(field.substring(colon + 1).replaceAll("\\r?\\n(?=[ \\t])", "").strip()));
            }
            i = end;
        }
        return values;
    }

    /** The whole header, unfolded and decoded. */
    public static String header(byte[] header) {
        return decodeWords(text(header).replaceAll("\\r?\\n(?=[ \\t])", ""));
    }

    /** Whether any text part of the message contains {@code needle} (lower case), ignoring case. */
    public static boolean bodyContains(MessageStructure structure, Bytes bytes, String needle) {
        return anyTextPart(structure, bytes, text -> text.toLowerCase(Locale.ROOT).contains(needle));
    }

    /** The decoded text parts of the message (each up to {@link #PART_LIMIT} bytes), for an index. */
    public static List<String> textParts(MessageStructure structure, Bytes bytes) {
        List<String> texts = new ArrayList<>();
        anyTextPart(structure, bytes, text -> !texts.add(text));
        return texts;
    }

    /** Decodes the text parts in order until {@code stop} says so. @return whether it did */
    private static boolean anyTextPart(MessageStructure structure, Bytes bytes, Predicate<String> stop) {
        for (PartRange part : structure.parts()) {
            if (part.path().isEmpty() || hasChildren(structure, part.path())) {
                continue;
            }
            HeaderFields h = HeaderFields.of(bytes.read(part.headerStart(), part.bodyStart()));
            String type = h.get("content-type");
            MimeParams ct = type == null ? null : MimeParams.parse(type);
            if (ct != null && !ct.value().isEmpty() && !ct.value().startsWith("text/")) {
                continue;
            }
            long end = Math.min(part.end(), part.bodyStart() + PART_LIMIT);
            byte[] raw = bytes.read(part.bodyStart(), end);
            String encoding = h.get("content-transfer-encoding");
            byte[] decoded = decodeTransfer(raw, encoding == null ? "" : encoding.toLowerCase(Locale.ROOT));
            String charset = ct == null ? null : ct.param("charset");
            if (stop.test(decode(decoded, charset))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasChildren(MessageStructure structure, String path) {
        String prefix = path + ".";
        return structure.parts().stream().anyMatch(p -> p.path().startsWith(prefix));
    }

    private static int fieldEnd(String text, int from) {
        int i = from;
        while (true) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                return text.length();
            }
            i = nl + 1;
            if (i >= text.length() || (text.charAt(i) != ' ' && text.charAt(i) != '\t')) {
                return i;
            }
        }
    }

    /** Header bytes as text: UTF-8 when they are valid UTF-8 (RFC 6532), else ISO-8859-1. */
    private static String text(byte[] bytes) {
        return decode(bytes, null);
    }

    static String decodeWords(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        // white space between two encoded words is not displayed (RFC 2047 6.2)
        String joined = BETWEEN_WORDS.matcher(value).replaceAll("$1");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String charset = m.group(1);
            int star = charset.indexOf('*'); // RFC 2231 language suffix
            if (star > 0) {
                charset = charset.substring(0, star);
            }
            byte[] bytes;
            try {
                bytes = m.group(2).equalsIgnoreCase("B") ? Base64.getMimeDecoder().decode(m.group(3))
                        : quotedPrintable(m.group(3).replace('_', ' ').getBytes(StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(decode(bytes, charset)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The Content-Transfer-Encoding a MIME header names, lower case; "7bit" when it names none. */
    public static String transferEncoding(byte[] mimeHeader) {
        HeaderFields h = HeaderFields.of(mimeHeader);
        String encoding = h.get("content-transfer-encoding");
        return encoding == null || encoding.isEmpty() ? "7bit" : encoding.toLowerCase(Locale.ROOT);
    }

    /**
     * Content without its transfer encoding (RFC 3516 BINARY). @return null for an encoding this
     * server does not know (the client gets [UNKNOWN-CTE])
     */
    public static byte[] decodeContent(byte[] raw, String encoding) {
        return switch (encoding) {
            case "7bit", "8bit", "binary" -> raw;
            case "base64", "quoted-printable" -> decodeTransfer(raw, encoding);
            default -> null;
        };
    }

    private static byte[] decodeTransfer(byte[] raw, String encoding) {
        try {
            return switch (encoding) {
                case "base64" -> Base64.getMimeDecoder().decode(raw);
                case "quoted-printable" -> quotedPrintable(raw);
                default -> raw;
            };
        } catch (IllegalArgumentException e) {
            return raw; // broken encoding: search what is there
        }
    }

    static byte[] quotedPrintable(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '=' && i + 2 < in.length) {
                if (in[i + 1] == '\r' && in[i + 2] == '\n') {
                    i += 2; // soft line break
                    continue;
                }
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            } else if (b == '=' && i + 1 < in.length && in[i + 1] == '\n') {
                i += 1;
                continue;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Bytes in the named charset; unknown or absent: UTF-8 if valid, else ISO-8859-1. */
    static String decode(byte[] bytes, String charset) {
        if (charset != null) {
            try {
                return new String(bytes, Charset.forName(charset.strip()));
            } catch (IllegalArgumentException unknown) {
                // fall through to the guess
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
