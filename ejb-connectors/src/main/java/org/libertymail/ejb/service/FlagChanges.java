package org.libertymail.ejb.service;

import java.util.LinkedHashSet;
import java.util.Set;

import org.libertymail.adapter.api.FlagOperation;

/** What a STORE makes of a message's flags (RFC 3501 6.4.6: FLAGS, +FLAGS, -FLAGS). */
final class FlagChanges {
    private FlagChanges() {
    }

    static Set<String> apply(FlagOperation operation, Set<String> current, Set<String> flags) {
        Set<String> updated = operation == FlagOperation.REPLACE ? new LinkedHashSet<>() : new LinkedHashSet<>(current);
        switch (operation) {
            case REPLACE, ADD -> updated.addAll(flags);
            case REMOVE -> updated.removeAll(flags);
        }
        return updated;
    }
}
