package org.libertymail.ejb.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.eclipse.microprofile.config.ConfigProvider;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.ejb.store.ProtocolSetting;

/**
 * Client set-up from the configuration: POP3 and IMAP from their services' external connection
 * settings (or, where an administrator set none, from their bindings and this server's name),
 * SMTP from the enabled receive connectors that let mailbox users log in and send. Services
 * switched off, and plain connections where passwords may not travel, are left out.
 */
@Stateless
public class ClientSettingsService {
    @EJB
    MailboxService mailboxes;

    @EJB
    DomainService domains;

    @EJB
    ServiceSettingsService services;

    @EJB
    ReceiveConnectorService connectors;

    @EJB
    ProtocolSettings switches;

    /** For a mailbox (404 when there is none). */
    public ClientSettings forMailbox(String address) {
        MailboxView mailbox = mailboxes.get(address);
        return settings(mailbox.address());
    }

    /**
     * For any address of a hosted domain, whether or not such a mailbox exists (automatic set-up
     * tells nobody which mailboxes exist); null for another domain.
     */
    public ClientSettings forAddress(String address) {
        String normalized = Addresses.address(address);
        if (normalized == null || domains.find(Addresses.domainOf(normalized)) == null) {
            return null;
        }
        return settings(normalized);
    }

    private ClientSettings settings(String address) {
        String host = hostName();
        return new ClientSettings(address, address, service(Protocol.IMAP, host), service(Protocol.POP3, host), smtp(host));
    }

    private List<ClientSettings.Server> service(Protocol protocol, String host) {
        boolean enabled = switches.all().stream().filter(s -> s.getProtocol().equalsIgnoreCase(protocol.id()))
                .map(ProtocolSetting::isEnabled).findFirst()
                .orElse(ConfigProvider.getConfig().getOptionalValue("mailserver." + protocol.id() + ".enabled", Boolean.class)
                        .orElse(true));
        ServiceSettings s = services.get(protocol);
        List<ClientSettings.Server> servers = new ArrayList<>();
        if (!enabled || s == null) {
            return servers;
        }
        boolean plainAllowed = !ServiceSettings.SECURE_LOGIN.equalsIgnoreCase(s.loginType());
        if (!s.externalConnectionSettings().isEmpty()) {
            for (String c : s.externalConnectionSettings()) {
                String[] parts = c.split(":");
                String encryption = switch (parts[2].toLowerCase(Locale.ROOT)) {
                    case "ssl" -> "SSL";
                    case "tls" -> "STARTTLS";
                    default -> "none";
                };
                add(servers, new ClientSettings.Server(parts[0], Integer.parseInt(parts[1]), encryption, "password"), plainAllowed);
            }
            return servers; // as the administrator ordered them
        }
        s.tlsBindings().forEach(b -> add(servers, new ClientSettings.Server(host, port(b), "SSL", "password"), plainAllowed));
        s.bindings().forEach(b -> add(servers, new ClientSettings.Server(host, port(b), "STARTTLS", "password"), plainAllowed));
        return servers;
    }

    private List<ClientSettings.Server> smtp(String host) {
        List<ClientSettings.Server> servers = new ArrayList<>();
        for (ReceiveConnector c : connectors.list()) {
            boolean users = c.permissionGroups().stream().anyMatch(ReceiveConnector.MAILBOX_USERS::equalsIgnoreCase);
            boolean auth = c.authMechanisms().stream().anyMatch(m -> m.equalsIgnoreCase(ReceiveConnector.BASIC_AUTH)
                    || m.equalsIgnoreCase(ReceiveConnector.BASIC_AUTH_REQUIRE_TLS));
            if (!c.enabled() || !users || !auth) {
                continue;
            }
            boolean startTls = c.authMechanisms().stream().anyMatch(m -> m.equalsIgnoreCase(ReceiveConnector.TLS)
                    || m.equalsIgnoreCase(ReceiveConnector.BASIC_AUTH_REQUIRE_TLS));
            String encryption = c.implicitTls() ? "SSL" : startTls ? "STARTTLS" : "none";
            String name = c.fqdn() == null || c.fqdn().isBlank() ? host : c.fqdn();
            c.bindings().forEach(b -> add(servers, new ClientSettings.Server(name, port(b), encryption, "password"), false));
        }
        servers.sort(Comparator.comparingInt(s -> s.encryption().equals("SSL") ? 0 : s.encryption().equals("STARTTLS") ? 1 : 2));
        return servers;
    }

    private static void add(List<ClientSettings.Server> servers, ClientSettings.Server server, boolean plainAllowed) {
        if ((plainAllowed || !server.encryption().equals("none")) && !servers.contains(server)) {
            servers.add(server);
        }
    }

    /** The port of a binding "address:port" ("[v6]:port" too). */
    private static int port(String binding) {
        return Integer.parseInt(binding.substring(binding.lastIndexOf(':') + 1));
    }

    /** The name clients reach this server by: mailserver.host.name, else this machine's name. */
    static String hostName() {
        String configured = ConfigProvider.getConfig().getOptionalValue("mailserver.host.name", String.class).orElse("");
        if (!configured.isBlank()) {
            return configured.strip();
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
