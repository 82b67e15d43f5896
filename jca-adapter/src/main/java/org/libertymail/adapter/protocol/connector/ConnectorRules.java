package org.libertymail.adapter.protocol.connector;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.adapter.protocol.Endpoint;

/**
 * Receive connectors as the adapter applies them: their validation (each problem names its
 * field), their endpoints (one per binding) and the choice of connector for a client.
 */
public final class ConnectorRules {
    private static final Set<String> MECHANISMS = Set.of(ReceiveConnector.NONE, ReceiveConnector.TLS,
            ReceiveConnector.BASIC_AUTH, ReceiveConnector.BASIC_AUTH_REQUIRE_TLS);
    private static final Set<String> SWITCHABLE = Set.of("PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "SIZE", "CHUNKING",
            "BINARYMIME", "SMTPUTF8", "DSN");
    private static final Set<String> GROUPS = Set.of(ReceiveConnector.ANONYMOUS_USERS, ReceiveConnector.MAILBOX_USERS);

    /** A refused definition: which field, and why. */
    public record Problem(String field, String message) {
    }

    private ConnectorRules() {
    }

    /**
     * Checks one connector against itself and against the others it would run beside.
     *
     * @param others the other connectors (enabled ones are checked for clashes)
     * @param taken sockets other protocols listen on
     */
    public static Optional<Problem> validate(ReceiveConnector c, List<ReceiveConnector> others, List<SocketBinding> taken) {
        if (c.name() == null || !c.name().matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")) {
            return problem("name", "name must be 1-64 letters, digits, spaces, '.', '_' or '-'");
        }
        if (c.bindings().isEmpty()) {
            return problem("bindings", "at least one binding (address:port) is needed");
        }
        Optional<Problem> text = plainText("fqdn", c.fqdn()).or(() -> plainText("banner", c.banner()));
        if (text.isPresent()) {
            return text;
        }
        List<SocketBinding> sockets = new ArrayList<>();
        for (String b : c.bindings()) {
            try {
                sockets.add(SocketBinding.parse(b));
            } catch (IllegalArgumentException e) {
                return problem("bindings", e.getMessage());
            }
        }
        List<IpRange> ranges = new ArrayList<>();
        for (String r : c.remoteIpRanges()) {
            try {
                ranges.add(IpRange.parse(r));
            } catch (IllegalArgumentException e) {
                return problem("remoteIpRanges", e.getMessage());
            }
        }
        String negative = c.maxMessageSize() < 0 ? "maxMessageSize" : c.maxRecipientsPerMessage() < 0 ? "maxRecipientsPerMessage"
                : c.maxInboundConnections() < 0 ? "maxInboundConnections"
                : c.maxInboundConnectionsPerSource() < 0 ? "maxInboundConnectionsPerSource"
                : c.connectionInactivityTimeout() < 0 ? "connectionInactivityTimeout"
                : c.maxHopCount() < 0 ? "maxHopCount" : c.maxMessagesPerSourcePerMinute() < 0 ? "maxMessagesPerSourcePerMinute"
                : c.connectionTimeout() < 0 ? "connectionTimeout" : c.maxLogonFailures() < 0 ? "maxLogonFailures"
                : c.tarpitInterval() < 0 ? "tarpitInterval" : null;
        if (negative != null) {
            return problem(negative, negative + " must not be negative (0: the server's default)");
        }
        for (String x : c.disabledExtensions()) {
            if (!SWITCHABLE.contains(x)) {
                return problem("disabledExtensions", "'" + x + "' cannot be switched off here; use " + SWITCHABLE
                        + " (STARTTLS and AUTH follow authMechanisms)");
            }
        }
        for (String m : c.authMechanisms()) {
            if (!MECHANISMS.contains(m)) {
                return problem("authMechanisms", "unknown mechanism '" + m + "'; use " + MECHANISMS);
            }
        }
        if (c.authMechanisms().contains(ReceiveConnector.NONE) && c.authMechanisms().size() > 1) {
            return problem("authMechanisms", "None cannot be combined with other mechanisms");
        }
        boolean basic = c.authMechanisms().contains(ReceiveConnector.BASIC_AUTH)
                || c.authMechanisms().contains(ReceiveConnector.BASIC_AUTH_REQUIRE_TLS);
        if (c.authMechanisms().contains(ReceiveConnector.BASIC_AUTH_REQUIRE_TLS) && !c.implicitTls()
                && !c.authMechanisms().contains(ReceiveConnector.TLS)) {
            return problem("authMechanisms", "BasicAuthRequireTls needs Tls (STARTTLS) or implicitTls");
        }
        if (c.permissionGroups().isEmpty()) {
            return problem("permissionGroups", "at least one of " + GROUPS + " is needed");
        }
        for (String g : c.permissionGroups()) {
            if (!GROUPS.contains(g)) {
                return problem("permissionGroups", "unknown group '" + g + "'; use " + GROUPS);
            }
        }
        if (c.permissionGroups().contains(ReceiveConnector.MAILBOX_USERS) && !basic) {
            return problem("authMechanisms", "MailboxUsers needs BasicAuth or BasicAuthRequireTls");
        }
        Optional<Problem> clash = clashes(sockets, taken);
        if (clash.isPresent()) {
            return clash;
        }
        if (!c.enabled()) {
            return Optional.empty();
        }
        for (ReceiveConnector other : others) {
            if (!other.enabled() || other.name().equalsIgnoreCase(c.name())) {
                continue;
            }
            for (SocketBinding mine : sockets) {
                for (String b : other.bindings()) {
                    SocketBinding theirs = SocketBinding.parse(b);
                    if (mine.equals(theirs)) {
                        if (other.implicitTls() != c.implicitTls()) {
                            return problem("implicitTls", "connector '" + other.name() + "' shares " + mine
                                    + " with implicitTls " + other.implicitTls());
                        }
                        if (sameRanges(ranges, other.remoteIpRanges())) {
                            return problem("remoteIpRanges", "connector '" + other.name() + "' has the same binding " + mine
                                    + " and the same remote IP ranges; one of them must be more specific");
                        }
                    } else if (mine.clashesWith(theirs)) {
                        return problem("bindings", mine + " clashes with " + theirs + " of connector '" + other.name() + "'");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean sameRanges(List<IpRange> mine, List<String> theirs) {
        List<IpRange> other = theirs.stream().map(IpRange::parse).toList();
        return Set.copyOf(mine.stream().map(r -> r.first() + "-" + r.last() + "/" + r.bytes()).toList())
                .equals(Set.copyOf(other.stream().map(r -> r.first() + "-" + r.last() + "/" + r.bytes()).toList()));
    }

    /** Sockets of one definition that would take the same port, or a port another protocol uses. */
    static Optional<Problem> clashes(List<SocketBinding> sockets, List<SocketBinding> taken) {
        for (int i = 0; i < sockets.size(); i++) {
            for (int j = i + 1; j < sockets.size(); j++) {
                if (sockets.get(i).clashesWith(sockets.get(j))) {
                    return problem("bindings", sockets.get(i) + " and " + sockets.get(j) + " would take the same port");
                }
            }
            for (SocketBinding t : taken) {
                if (sockets.get(i).clashesWith(t)) {
                    return problem("bindings", sockets.get(i) + " is already used by another protocol (" + t + ")");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Greeting texts go on the wire as they are: a CR or LF in one would let an administrator's
     * typo (or a stolen admin login) inject protocol lines, so only printable text is taken.
     */
    static Optional<Problem> plainText(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > 200 || !value.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f)) {
            return problem(field, field + " must be printable text without line breaks, at most 200 characters");
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(String field, String message) {
        return Optional.of(new Problem(field, message));
    }

    /** One endpoint per binding of an enabled connector (validated). */
    public static List<Endpoint> endpoints(ReceiveConnector c) {
        if (!c.enabled()) {
            return List.of();
        }
        List<String> mechanisms = c.authMechanisms();
        Endpoint.AuthPolicy auth = mechanisms.contains(ReceiveConnector.BASIC_AUTH) ? Endpoint.AuthPolicy.ANY_CONNECTION
                : mechanisms.contains(ReceiveConnector.BASIC_AUTH_REQUIRE_TLS) ? Endpoint.AuthPolicy.SECURE_ONLY
                : Endpoint.AuthPolicy.NONE;
        Endpoint.Custom custom = new Endpoint.Custom(c.remoteIpRanges().stream().map(IpRange::parse).toList(),
                blankToNull(c.fqdn()), blankToNull(c.banner()), c.maxMessageSize(), c.maxRecipientsPerMessage(),
                c.maxInboundConnections(), c.maxInboundConnectionsPerSource(), c.connectionInactivityTimeout(), 0, c.protocolLogging(),
                new Endpoint.SmtpOptions(c.maxHopCount() > 0 ? c.maxHopCount() : Endpoint.SmtpOptions.DEFAULT_MAX_HOP_COUNT,
                        c.maxMessagesPerSourcePerMinute(), c.connectionTimeout(), c.maxLogonFailures(), c.tarpitInterval(),
                        Set.copyOf(c.disabledExtensions())),
                Endpoint.AccessOptions.DEFAULTS);
        List<Endpoint> endpoints = new ArrayList<>();
        for (String b : c.bindings()) {
            SocketBinding socket = SocketBinding.parse(b);
            endpoints.add(new Endpoint(c.name(), Protocol.SMTP, socket.address(), socket.port(), c.implicitTls(),
                    !c.implicitTls() && mechanisms.contains(ReceiveConnector.TLS), auth,
                    c.permissionGroups().contains(ReceiveConnector.ANONYMOUS_USERS),
                    c.permissionGroups().contains(ReceiveConnector.MAILBOX_USERS), custom));
        }
        return endpoints;
    }

    /** The connector for a client: among those on its socket that serve it, the most specific range. */
    public static Optional<Endpoint> select(List<Endpoint> onSocket, InetAddress client) {
        return onSocket.stream().filter(e -> e.serves(client))
                .min(Comparator.comparing((Endpoint e) -> e.matchSize(client)).thenComparing(Endpoint::name));
    }

    /** The connector an endpoint of the built-in defaults stands for, to store on first start. */
    public static ReceiveConnector definition(Endpoint e, List<Endpoint> all) {
        List<String> bindings = all.stream().filter(x -> x.name().equals(e.name())).map(x -> x.socket().toString())
                .toList();
        List<String> mechanisms = new ArrayList<>();
        if (e.offerStartTls()) {
            mechanisms.add(ReceiveConnector.TLS);
        }
        if (e.auth() == Endpoint.AuthPolicy.ANY_CONNECTION) {
            mechanisms.add(ReceiveConnector.BASIC_AUTH);
        } else if (e.auth() == Endpoint.AuthPolicy.SECURE_ONLY) {
            mechanisms.add(ReceiveConnector.BASIC_AUTH_REQUIRE_TLS);
        }
        if (mechanisms.isEmpty()) {
            mechanisms.add(ReceiveConnector.NONE);
        }
        List<String> groups = new ArrayList<>();
        if (e.anonymousDelivery()) {
            groups.add(ReceiveConnector.ANONYMOUS_USERS);
        }
        if (e.submission()) {
            groups.add(ReceiveConnector.MAILBOX_USERS);
        }
        return new ReceiveConnector(e.name(), true, bindings, List.of("0.0.0.0/0", "::/0"), null, null, mechanisms,
                e.implicitTls(), groups, 0, 0, 0, 0, 0, e.custom().protocolLogging(), 0, 0, 0, 0, 0, List.of());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
