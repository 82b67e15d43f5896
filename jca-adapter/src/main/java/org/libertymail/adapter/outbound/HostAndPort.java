package org.libertymail.adapter.outbound;

/**
 * A host to connect to: a name or an address literal, and a port.
 *
 * @param address the address the name resolved to through the configured DNS server, or null
 *        to let the JVM resolve the name
 */
public record HostAndPort(String host, int port, String address) {
    public HostAndPort(String host, int port) {
        this(host, port, null);
    }

    /** "host", "host:port", "[v6]" or "[v6]:port". */
    public static HostAndPort parse(String text, int defaultPort) {
        String t = text.strip();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' lacks ']'");
            }
            String host = t.substring(1, close);
            String rest = t.substring(close + 1);
            return new HostAndPort(host, rest.startsWith(":") ? port(rest.substring(1), text) : defaultPort);
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon) {
            return new HostAndPort(t.substring(0, colon), port(t.substring(colon + 1), text));
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        return new HostAndPort(t, defaultPort);
    }

    private static int port(String s, String text) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("'" + text + "' has a port outside 1-65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid port");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
