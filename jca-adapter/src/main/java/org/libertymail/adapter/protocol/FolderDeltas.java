package org.libertymail.adapter.protocol;

import org.libertymail.adapter.api.FolderDelta;

/** Where a session asks what changed in a folder after a modseq: the store, or {@link SharedFolderDeltas}. */
@FunctionalInterface
public interface FolderDeltas {
    FolderDelta since(String account, String folder, long modseq, long afterUid);
}
