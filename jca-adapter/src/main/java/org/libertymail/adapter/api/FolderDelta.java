package org.libertymail.adapter.api;

import java.util.List;

/**
 * What changed in a folder since a modification sequence (RFC 7162): what a session needs to
 * catch up without listing the folder again.
 *
 * @param changed messages added or whose flags changed since, in ascending UID order (added:
 *        above the UID the asker gave)
 * @param expunged UIDs removed since, ascending
 */
public record FolderDelta(long uidValidity, long uidNext, long highestModseq, List<MessageSummary> changed,
        List<Long> expunged) {
    public FolderDelta {
        changed = List.copyOf(changed);
        expunged = List.copyOf(expunged);
    }
}
