package org.libertymail.adapter.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What IMAP needs to answer ENVELOPE, BODYSTRUCTURE, BODY and BODY[part] without reading the
 * message: computed once when a message enters the store and kept beside its body.
 *
 * @param envelope the ENVELOPE value in IMAP syntax ("(...)"), bytes as sent on the wire
 * @param bodyStructure the BODYSTRUCTURE value, with extension data
 * @param body the BODY value (no extension data)
 * @param parts where each numbered part lies in the message, the whole message first
 */
public record MessageStructure(byte[] envelope, byte[] bodyStructure, byte[] body, List<PartRange> parts) {
    private static final int VERSION = 1;

    public MessageStructure {
        parts = List.copyOf(parts);
    }

    /**
     * One part of a message by its IMAP section number ("" for the whole message, "1.2" …).
     *
     * @param headerStart first byte of the part's MIME header
     * @param bodyStart first byte of its content (BODY[n])
     * @param end the byte after its content
     * @param innerBodyStart for the whole message and message/rfc822 parts, the first byte of
     *        the encapsulated message's text (so HEADER is bodyStart..innerBodyStart); else -1
     */
    public record PartRange(String path, long headerStart, long bodyStart, long end, long innerBodyStart) {
    }

    public PartRange part(String path) {
        for (PartRange p : parts) {
            if (p.path().equals(path)) {
                return p;
            }
        }
        return null;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(envelope.length + bodyStructure.length + body.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            for (byte[] b : List.of(envelope, bodyStructure, body)) {
                out.writeInt(b.length);
                out.write(b);
            }
            out.writeInt(parts.size());
            for (PartRange p : parts) {
                out.writeUTF(p.path());
                out.writeLong(p.headerStart());
                out.writeLong(p.bodyStart());
                out.writeLong(p.end());
                out.writeLong(p.innerBodyStart());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return the structure, or null for an encoding this version does not know */
    public static MessageStructure decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readByte() != VERSION) {
                return null;
            }
            byte[][] texts = new byte[3][];
            for (int i = 0; i < 3; i++) {
                texts[i] = in.readNBytes(in.readInt());
            }
            int count = in.readInt();
            List<PartRange> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                parts.add(new PartRange(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong()));
            }
            return new MessageStructure(texts[0], texts[1], texts[2], parts);
        } catch (IOException e) {
            return null;
        }
    }
}
