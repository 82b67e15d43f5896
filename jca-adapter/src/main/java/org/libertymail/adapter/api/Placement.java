package org.libertymail.adapter.api;

import java.util.List;

/**
 * Where APPEND, COPY or MOVE put messages, for the UIDPLUS response codes (RFC 4315):
 * {@code uids[i]} is the new UID of {@code sourceUids[i]} (APPEND: no source UIDs).
 */
public record Placement(Outcome outcome, long uidValidity, List<Long> sourceUids, List<Long> uids) {
    public enum Outcome {
        DONE,
        /** No folder of that name: IMAP NO [TRYCREATE]. */
        NONEXISTENT,
        /** The mailbox has no room: IMAP NO [OVERQUOTA]. */
        OVER_QUOTA
    }

    public Placement {
        sourceUids = List.copyOf(sourceUids);
        uids = List.copyOf(uids);
    }

    public static Placement refused(Outcome outcome) {
        return new Placement(outcome, 0, List.of(), List.of());
    }
}
