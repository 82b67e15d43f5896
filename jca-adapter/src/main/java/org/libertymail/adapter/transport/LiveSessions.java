package org.libertymail.adapter.transport;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.SessionInfo;

/**
 * The open connections of every listener, to list them and to close one, or all of an account's
 * (a mailbox disabled, its password changed, deleted). An entry is the connection's own handler,
 * so an idle connection costs one set entry here (the heap per idle connection is a benchmark
 * figure); looking one up by id walks the set, which only administrators do. The same walk, once
 * a second, ends connections idle or open too long: one timer for all instead of one per
 * connection.
 */
final class LiveSessions {
    private final Set<SessionChannelHandler> open = ConcurrentHashMap.newKeySet();

    void add(SessionChannelHandler session) {
        open.add(session);
    }

    void remove(SessionChannelHandler session) {
        open.remove(session);
    }

    /** Ends the sessions whose idle timeout or lifetime has passed; see {@link SessionChannelHandler#checkTimeouts}. */
    void sweep() {
        long now = System.nanoTime();
        for (SessionChannelHandler session : open) {
            session.checkTimeouts(now);
        }
    }

    List<SessionInfo> list() {
        return open.stream().map(SessionChannelHandler::info)
                .sorted(Comparator.comparingLong(SessionInfo::startedAtMillis)).toList();
    }

    /** @return whether there was such a session (it is closed now, or closing) */
    boolean disconnect(String id) {
        long key;
        try {
            key = Long.parseUnsignedLong(id, 16);
        } catch (NumberFormatException e) {
            return false;
        }
        for (SessionChannelHandler session : open) {
            if (session.id() == key) {
                session.disconnect();
                return true;
            }
        }
        return false;
    }

    /**
     * Closes the account's sessions of one protocol, or of all when {@code protocol} is null.
     * @return how many
     */
    int disconnect(String account, Protocol protocol) {
        String wanted = account.toLowerCase(Locale.ROOT);
        int closed = 0;
        for (SessionChannelHandler session : open) {
            String owner = session.account();
            if (owner != null && owner.toLowerCase(Locale.ROOT).equals(wanted)
                    && (protocol == null || session.protocol() == protocol)) {
                session.disconnect();
                closed++;
            }
        }
        return closed;
    }
}
