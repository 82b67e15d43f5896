package org.libertymail.adapter.protocol;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.libertymail.adapter.api.MessageContent;

/**
 * Collects the DATA of one message: in memory while it is small, in a temporary file once it
 * passes {@link #MEMORY_LIMIT}, so a 50 MiB message costs a few KiB of heap. Discard it when the
 * transaction ends.
 */
public final class MessageSpool {
    public static final int MEMORY_LIMIT = 256 * 1024;

    private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private Path file;
    private OutputStream fileOut;
    private long size;

    public void write(byte[] bytes, int offset, int length) {
        try {
            if (file == null && memory.size() + length > MEMORY_LIMIT) {
                file = Files.createTempFile("libertymail-", ".eml");
                fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                memory.writeTo(fileOut);
                memory = null;
            }
            if (file == null) {
                memory.write(bytes, offset, length);
            } else {
                fileOut.write(bytes, offset, length);
            }
            size += length;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool the message", e);
        }
    }

    /** Whether {@code length} more bytes would still be kept in memory (no file written). */
    public boolean staysInMemory(int length) {
        return file == null && memory != null && memory.size() + length <= MEMORY_LIMIT;
    }

    public long size() {
        return size;
    }

    /** The spooled bytes after {@code prefix}, readable as often as the store needs. */
    public MessageContent content(byte[] prefix) {
        try {
            if (fileOut != null) {
                fileOut.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool the message", e);
        }
        long total = prefix.length + size;
        return new MessageContent() {
            @Override
            public long size() {
                return total;
            }

            @Override
            public InputStream open() throws IOException {
                InputStream body = file == null ? new ByteArrayInputStream(memory.toByteArray()) : Files.newInputStream(file);
                return new SequenceInputStream(new ByteArrayInputStream(prefix), body);
            }
        };
    }

    /** Frees the memory or deletes the file; the spool is unusable afterwards. */
    public void discard() {
        memory = null;
        if (file != null) {
            try {
                fileOut.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
            file = null;
        }
    }
}
