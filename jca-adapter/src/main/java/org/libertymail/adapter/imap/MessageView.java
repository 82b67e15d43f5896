package org.libertymail.adapter.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Consumer;

import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageStructure;
import org.libertymail.adapter.mime.MessageAnalyzer;
import org.libertymail.adapter.protocol.StoredContent;

/**
 * One fetched message as FETCH reads it: bytes come from the stored header when they lie in
 * it, else from the inline content, else from the store piece by piece. A message stored
 * without its structure (before the store kept one) is analysed here, once.
 */
public final class MessageView {
    private final MessageData data;
    private final StoredContent stored;
    private MessageStructure structure;
    private byte[] header;

    public MessageView(MessageData data, StoredContent stored) {
        this.data = data;
        this.stored = stored;
        this.structure = data.structure();
        this.header = data.header();
    }

    public MessageData data() {
        return data;
    }

    public MessageStructure structure() {
        if (structure == null) {
            try (InputStream in = stored.stream(data)) {
                MessageAnalyzer.Analysis analysis = MessageAnalyzer.analyze(in);
                structure = analysis.structure();
                if (header == null) {
                    header = analysis.header();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return structure;
    }

    /** Whether bytes up to {@code to} can be had without the store. */
    public boolean inMemory(long to) {
        return data.content() != null || header != null && to <= header.length;
    }

    /** Bytes {@code from} to {@code to} (exclusive) in memory. */
    public byte[] bytes(long from, long to) {
        if (from >= to) {
            return new byte[0];
        }
        if (header != null && to <= header.length) {
            return Arrays.copyOfRange(header, (int) from, (int) to);
        }
        if (data.content() != null) {
            return Arrays.copyOfRange(data.content(), (int) from, (int) to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) (to - from));
        stored.copy(data, from, to, out::writeBytes);
        return out.toByteArray();
    }

    /** Hands bytes {@code from} to {@code to} to {@code sink} in pieces, for sections too large to hold. */
    public void stream(long from, long to, Consumer<byte[]> sink) {
        if (inMemory(to)) {
            sink.accept(bytes(from, to));
        } else {
            stored.copy(data, from, to, sink);
        }
    }
}
