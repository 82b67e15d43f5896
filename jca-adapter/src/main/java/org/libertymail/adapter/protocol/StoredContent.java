package org.libertymail.adapter.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.function.Consumer;

import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageData;

/**
 * A message's content as the store serves it: inline for small messages, in pieces of
 * {@link #PIECE} bytes for large ones, so that sending a 50 MiB message holds one piece at a time.
 */
public final class StoredContent {
    public static final int PIECE = 256 * 1024;

    private final MailboxAccessListener store;
    private final String account;
    private final String folder;

    public StoredContent(MailboxAccessListener store, String account, String folder) {
        this.store = store;
        this.account = account;
        this.folder = folder;
    }

    /** Hands bytes {@code from} (inclusive) to {@code to} (exclusive) of the message to {@code sink}, piece by piece. */
    public void copy(MessageData message, long from, long to, Consumer<byte[]> sink) {
        if (message.content() != null) {
            if (from < to) {
                sink.accept(java.util.Arrays.copyOfRange(message.content(), (int) from, (int) to));
            }
            return;
        }
        for (long offset = from; offset < to; ) {
            byte[] piece = read(message, offset, (int) Math.min(PIECE, to - offset));
            if (piece.length == 0) {
                throw new IllegalStateException("Message " + message.uid() + " ended before its size");
            }
            sink.accept(piece);
            offset += piece.length;
        }
    }

    /** The first piece of the message (all of it when small). */
    public byte[] prefix(MessageData message) {
        return message.content() != null ? message.content() : read(message, 0, PIECE);
    }

    /** The whole message in memory: for the rare requests that cannot be served in pieces. */
    public byte[] whole(MessageData message) {
        if (message.content() != null) {
            return message.content();
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) Math.min(message.size(), Integer.MAX_VALUE - 8));
        copy(message, 0, message.size(), all::writeBytes);
        return all.toByteArray();
    }

    /** The message as a stream that reads it piece by piece. */
    public InputStream stream(MessageData message) {
        if (message.content() != null) {
            return new ByteArrayInputStream(message.content());
        }
        return new InputStream() {
            private byte[] piece = new byte[0];
            private int index;
            private long offset;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (index == piece.length) {
                    if (offset >= message.size()) {
                        return -1;
                    }
                    piece = StoredContent.this.read(message, offset, (int) Math.min(PIECE, message.size() - offset));
                    if (piece.length == 0) {
                        return -1;
                    }
                    offset += piece.length;
                    index = 0;
                }
                int n = Math.min(len, piece.length - index);
                System.arraycopy(piece, index, b, off, n);
                index += n;
                return n;
            }
        };
    }

    private byte[] read(MessageData message, long offset, int length) {
        byte[] piece = store.readContent(account, folder, message.uid(), offset, length);
        if (piece == null) {
            throw new MessageGoneException(message.uid());
        }
        return piece;
    }

    /** The message was expunged by another session while it was being sent. */
    public static final class MessageGoneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MessageGoneException(long uid) {
            super("Message UID " + uid + " was removed while it was being sent");
        }
    }
}
