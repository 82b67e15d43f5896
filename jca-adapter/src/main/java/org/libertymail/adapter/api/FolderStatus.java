package org.libertymail.adapter.api;

import java.util.List;

/**
 * A folder's counts as IMAP STATUS and LIST-STATUS tell them (RFC 3501 6.3.10, RFC 8438 SIZE):
 * what a client asks for folders it has not selected, so the store answers it without listing
 * the messages.
 *
 * @param recent messages at or above the folder's \Recent mark
 * @param size the sum of the messages' sizes (RFC822.SIZE)
 */
public record FolderStatus(long uidValidity, long uidNext, long highestModseq, long messages, long recent,
        long unseen, long deleted, long size) {

    /** The counts of an opened folder: for stores that list the messages anyway. */
    public static FolderStatus of(FolderSnapshot folder) {
        List<MessageSummary> messages = folder.messages();
        long recent = 0;
        long unseen = 0;
        long deleted = 0;
        long size = 0;
        for (MessageSummary m : messages) {
            recent += m.uid() >= folder.firstRecentUid() ? 1 : 0;
            unseen += m.flags().contains("\\Seen") ? 0 : 1;
            deleted += m.flags().contains("\\Deleted") ? 1 : 0;
            size += m.size();
        }
        return new FolderStatus(folder.uidValidity(), folder.uidNext(), folder.highestModseq(), messages.size(), recent,
                unseen, deleted, size);
    }
}
