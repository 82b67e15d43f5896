package org.libertymail.adapter.protocol.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.adapter.protocol.Endpoint;

/** POP3 and IMAP service settings as the adapter applies them: validation and endpoints. */
public final class ServiceRules {
    private ServiceRules() {
    }

    /** @param taken sockets the other protocols listen on */
    public static Optional<ConnectorRules.Problem> validate(ServiceSettings s, List<SocketBinding> taken) {
        List<SocketBinding> sockets = new ArrayList<>();
        for (String field : new String[] {"bindings", "tlsBindings"}) {
            for (String b : field.equals("bindings") ? s.bindings() : s.tlsBindings()) {
                try {
                    sockets.add(SocketBinding.parse(b));
                } catch (IllegalArgumentException e) {
                    return problem(field, e.getMessage());
                }
            }
        }
        if (sockets.isEmpty()) {
            return problem("bindings", "at least one binding (in bindings or tlsBindings) is needed");
        }
        Optional<ConnectorRules.Problem> clash = ConnectorRules.clashes(sockets, taken);
        if (clash.isPresent()) {
            return clash;
        }
        Optional<ConnectorRules.Problem> banner = ConnectorRules.plainText("banner", s.banner());
        if (banner.isPresent()) {
            return banner;
        }
        try {
            authPolicy(s.loginType());
        } catch (IllegalArgumentException e) {
            return problem("loginType", e.getMessage());
        }
        String negative = s.maxConnections() < 0 ? "maxConnections" : s.maxConnectionsPerIp() < 0 ? "maxConnectionsPerIp"
                : s.maxConnectionsPerUser() < 0 ? "maxConnectionsPerUser"
                : s.preAuthenticatedTimeout() < 0 ? "preAuthenticatedTimeout"
                : s.authenticatedTimeout() < 0 ? "authenticatedTimeout" : s.maxCommandSize() < 0 ? "maxCommandSize"
                : s.maxSessionLifetime() < 0 ? "maxSessionLifetime" : s.loginDelay() < 0 ? "loginDelay" : null;
        if (negative != null) {
            return problem(negative, negative + " must not be negative (0: the server's default)");
        }
        if (s.messageRetrievalSortOrder() != null && !s.messageRetrievalSortOrder().isBlank()
                && !s.messageRetrievalSortOrder().equalsIgnoreCase(ServiceSettings.ASCENDING)
                && !s.messageRetrievalSortOrder().equalsIgnoreCase(ServiceSettings.DESCENDING)) {
            return problem("messageRetrievalSortOrder", "messageRetrievalSortOrder is Ascending or Descending");
        }
        if (RetrievalFormat.parse(s.messageRetrievalMimeFormat()).isEmpty()) {
            return problem("messageRetrievalMimeFormat", RetrievalFormat.ALLOWED);
        }
        if (s.expire() != null && !s.expire().isBlank() && !s.expire().strip().matches("(?i)NEVER|[0-9]{1,5}")) {
            return problem("expire", "expire is NEVER or a number of days");
        }
        if (s.maxCommandSize() > 0 && s.maxCommandSize() < 512) {
            return problem("maxCommandSize", "maxCommandSize must be at least 512 octets (RFC 3501 and 2449 commands)");
        }
        for (String field : new String[] {"externalConnectionSettings", "internalConnectionSettings"}) {
            for (String c : field.startsWith("external") ? s.externalConnectionSettings() : s.internalConnectionSettings()) {
                if (!c.matches("[A-Za-z0-9.-]+:[0-9]{1,5}:(?i)(ssl|tls|none)")) {
                    return problem(field, "'" + c + "' is not host:port:encryption (SSL, TLS or none)");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ConnectorRules.Problem> problem(String field, String message) {
        return Optional.of(new ConnectorRules.Problem(field, message));
    }

    /** Exchange's LoginType as the rule for where credentials may be sent. */
    public static Endpoint.AuthPolicy authPolicy(String loginType) {
        return switch (loginType == null ? "" : loginType.strip().toLowerCase(Locale.ROOT)) {
            case "plaintextlogin", "plaintextauthentication" -> Endpoint.AuthPolicy.ANY_CONNECTION;
            case "securelogin", "" -> Endpoint.AuthPolicy.SECURE_ONLY;
            default -> throw new IllegalArgumentException("Unknown LoginType '" + loginType
                    + "': use SecureLogin, PlainTextLogin or PlainTextAuthentication");
        };
    }

    /** The endpoints of validated settings: plain bindings with STARTTLS, then TLS ones. */
    public static List<Endpoint> endpoints(Protocol protocol, ServiceSettings s) {
        Endpoint.AuthPolicy auth = authPolicy(s.loginType());
        Endpoint.Custom custom = new Endpoint.Custom(List.of(), null, ConnectorRules.blankToNull(s.banner()), 0, 0,
                s.maxConnections(), s.maxConnectionsPerIp(), s.preAuthenticatedTimeout(), s.maxCommandSize(),
                s.protocolLogging(), Endpoint.SmtpOptions.DEFAULTS,
                new Endpoint.AccessOptions(s.authenticatedTimeout(), s.maxConnectionsPerUser(), s.maxSessionLifetime(),
                        ServiceSettings.DESCENDING.equalsIgnoreCase(s.messageRetrievalSortOrder()),
                        s.expire() == null || s.expire().isBlank() ? ServiceSettings.NEVER : s.expire().strip().toUpperCase(Locale.ROOT),
                        s.loginDelay(), RetrievalFormat.parse(s.messageRetrievalMimeFormat())
                                .orElse(RetrievalFormat.BEST_BODY_FORMAT), s.showHiddenFolders(), s.enableExactRFC822Size()));
        List<Endpoint> endpoints = new ArrayList<>();
        for (String b : s.bindings()) {
            SocketBinding socket = SocketBinding.parse(b);
            endpoints.add(new Endpoint(protocol.id(), protocol, socket.address(), socket.port(), false, true, auth, false,
                    false, custom));
        }
        for (String b : s.tlsBindings()) {
            SocketBinding socket = SocketBinding.parse(b);
            endpoints.add(new Endpoint(protocol.id() + "s", protocol, socket.address(), socket.port(), true, false, auth,
                    false, false, custom));
        }
        return endpoints;
    }

    /** The settings the built-in endpoints stand for, to store on first start. */
    public static ServiceSettings definition(List<Endpoint> endpoints) {
        List<String> plain = endpoints.stream().filter(e -> !e.implicitTls()).map(e -> e.socket().toString()).toList();
        List<String> tls = endpoints.stream().filter(Endpoint::implicitTls).map(e -> e.socket().toString()).toList();
        String loginType = endpoints.isEmpty() || endpoints.get(0).auth() == Endpoint.AuthPolicy.SECURE_ONLY
                ? ServiceSettings.SECURE_LOGIN : ServiceSettings.PLAIN_TEXT_LOGIN;
        boolean logging = !endpoints.isEmpty() && endpoints.get(0).custom().protocolLogging();
        return new ServiceSettings(plain, tls, null, loginType, 0, 0, 0, 0, 0, 0, List.of(), List.of(), logging,
                0, ServiceSettings.ASCENDING, ServiceSettings.NEVER, 0, RetrievalFormat.BEST_BODY_FORMAT.setting(), false, false);
    }
}
