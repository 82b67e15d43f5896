package org.libertymail.adapter.protocol.abuse;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts one listener's open connections, in all and per source address, and turns away those
 * over the limits (Exchange's MaxInboundConnection and MaxInboundConnectionPerSource).
 */
public final class ConnectionLimits {
    private final int max;
    private final int maxPerSource;
    private final Map<String, Integer> perSource = new HashMap<>();
    private int open;

    public ConnectionLimits(int max, int maxPerSource) {
        this.max = max;
        this.maxPerSource = maxPerSource;
    }

    /** @return whether the connection may proceed; if so, {@link #release} it when it closes */
    public synchronized boolean tryAcquire(String source) {
        int fromSource = perSource.getOrDefault(source, 0);
        if (open >= max || fromSource >= maxPerSource) {
            return false;
        }
        open++;
        perSource.put(source, fromSource + 1);
        return true;
    }

    public synchronized void release(String source) {
        Integer fromSource = perSource.get(source);
        if (fromSource == null) {
            return;
        }
        open--;
        if (fromSource <= 1) {
            perSource.remove(source);
        } else {
            perSource.put(source, fromSource - 1);
        }
    }

    public synchronized int open() {
        return open;
    }
}
