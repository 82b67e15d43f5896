package org.libertymail.adapter.protocol.connector;

/**
 * One listening socket: an IP literal (IPv6 in brackets) and a port, "0.0.0.0:25" or "[::]:587".
 * The wildcard addresses listen on every interface.
 */
public record SocketBinding(String address, int port) {

    /** @throws IllegalArgumentException with a message fit for an administrator */
    public static SocketBinding parse(String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not address:port");
        }
        String host = t.substring(0, colon);
        if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
            throw new IllegalArgumentException("'" + text + "': write IPv6 addresses in brackets, e.g. [::]:25");
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        IpRange.literal(host);
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + text + "'");
        }
        return new SocketBinding(host, port);
    }

    /** Whether a socket bound here would take the same port on some same address as {@code other}. */
    public boolean clashesWith(SocketBinding other) {
        return port == other.port && (address.equals(other.address) || isWildcard() || other.isWildcard());
    }

    public boolean isWildcard() {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
    }

    @Override
    public String toString() {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
