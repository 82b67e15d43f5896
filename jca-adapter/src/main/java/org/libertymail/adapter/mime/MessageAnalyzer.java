package org.libertymail.adapter.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.MessageStructure;
import org.libertymail.adapter.api.MessageStructure.PartRange;

/**
 * Computes, in one pass over a message, what IMAP serves without reading it again: the raw
 * header, ENVELOPE, BODYSTRUCTURE, BODY and where every numbered part lies.
 */
public final class MessageAnalyzer {
    private MessageAnalyzer() {
    }

    /** @param header the raw header with its blank line, or null when larger than 256 KiB */
    public record Analysis(byte[] header, MessageStructure structure) {
    }

    public static Analysis analyze(byte[] message) {
        try {
            return analyze(new ByteArrayInputStream(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Analysis analyze(InputStream in) throws IOException {
        MimeParser.Parsed parsed = MimeParser.parse(in);
        MimeEntity m = parsed.message();
        ImapText envelope = new ImapText();
        EnvelopeWriter.write(m.header, envelope);
        List<PartRange> parts = new ArrayList<>();
        parts.add(new PartRange("", 0, 0, parsed.size(), m.bodyStart));
        number(m, "", parts);
        MessageStructure structure = new MessageStructure(envelope.bytes(), BodyStructureWriter.write(m, true),
                BodyStructureWriter.write(m, false), parts);
        return new Analysis(parsed.header(), structure);
    }

    /** A message content with its analysis attached, for the store to keep beside the body. */
    public static MessageContent analyzed(MessageContent content) {
        Analysis analysis;
        try (InputStream in = content.open()) {
            analysis = analyze(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the message", e);
        }
        return new MessageContent() {
            @Override
            public long size() {
                return content.size();
            }

            @Override
            public InputStream open() throws IOException {
                return content.open();
            }

            @Override
            public byte[] header() {
                return analysis.header();
            }

            @Override
            public MessageStructure structure() {
                return analysis.structure();
            }
        };
    }

    /**
     * Numbers the parts of a message (the whole one, or one encapsulated in a message/rfc822
     * part at {@code prefix}) as RFC 3501 6.4.5 does: the parts of a multipart are 1, 2 …; a
     * single-part message has part 1, its body.
     */
    private static void number(MimeEntity message, String prefix, List<PartRange> out) {
        if (message.multipart()) {
            int n = 1;
            for (MimeEntity child : message.children) {
                part(child, join(prefix, n++), out);
            }
        } else {
            part(message, join(prefix, 1), out);
        }
    }

    private static void part(MimeEntity e, String path, List<PartRange> out) {
        out.add(new PartRange(path, e.headerStart, e.bodyStart, e.end, e.message != null ? e.message.bodyStart : -1));
        if (e.multipart()) {
            int n = 1;
            for (MimeEntity child : e.children) {
                part(child, path + "." + n++, out);
            }
        } else if (e.message != null) {
            number(e.message, path, out);
        }
    }

    private static String join(String prefix, int n) {
        return prefix.isEmpty() ? Integer.toString(n) : prefix + "." + n;
    }
}
