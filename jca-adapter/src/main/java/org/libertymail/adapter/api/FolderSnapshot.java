package org.libertymail.adapter.api;

import java.util.List;

/**
 * A folder as a session opens it.
 *
 * @param messages every message in ascending UID order (message sequence number = index + 1)
 * @param firstRecentUid messages with a UID at or above this are \Recent for the session that
 *        opened the folder read-write; opening it read-write moves the mark to {@code uidNext}
 * @param highestModseq the modification sequence of the folder's last change (RFC 7162)
 * @param rights what the account may do in the folder ({@link Rights})
 */
public record FolderSnapshot(String name, long uidValidity, long uidNext, long firstRecentUid,
        List<MessageSummary> messages, long highestModseq, String rights) {
    public FolderSnapshot {
        messages = List.copyOf(messages);
    }

    /** An account's own folder. */
    public FolderSnapshot(String name, long uidValidity, long uidNext, long firstRecentUid,
            List<MessageSummary> messages, long highestModseq) {
        this(name, uidValidity, uidNext, firstRecentUid, messages, highestModseq, Rights.OWNER);
    }

    /** The same folder under the name the client knows it by, with the client's rights. */
    public FolderSnapshot as(String clientName, String clientRights) {
        return new FolderSnapshot(clientName, uidValidity, uidNext, firstRecentUid, messages, highestModseq, clientRights);
    }
}
