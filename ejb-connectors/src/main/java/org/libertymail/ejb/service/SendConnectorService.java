package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.adapter.outbound.HostAndPort;

/**
 * Send connectors (V16 SEND_CONNECTOR), Exchange's model for outbound mail: persisted as JSON,
 * the smart host's password sealed by {@link SecretBox}. Mail for a domain goes through the
 * enabled connector whose address space matches it most specifically; a domain no connector
 * matches cannot be sent to (RCPT answers 550 5.7.1).
 */
@Stateless
public class SendConnectorService {
    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @EJB
    SecretBox secrets;

    /** All connectors by name, passwords masked. */
    public List<SendConnector> list() {
        return stored().stream().map(SendConnector::masked).sorted(Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    public SendConnector get(String name) {
        return find(name).map(SendConnector::masked)
                .orElseThrow(() -> ServiceException.notFound("No send connector '" + name + "'"));
    }

    public SendConnector create(SendConnector connector) {
        SendConnector c = validated(connector.withDefaults(), null);
        if (find(c.name()).isPresent()) {
            throw ServiceException.conflict("A send connector named '" + c.name() + "' exists");
        }
        em.createNativeQuery("INSERT INTO SEND_CONNECTOR (NAME_KEY, DEFINITION, UPDATED_AT) VALUES (?, ?, ?)")
                .setParameter(1, key(c.name())).setParameter(2, JSON.toJson(sealed(c, null)))
                .setParameter(3, System.currentTimeMillis()).executeUpdate();
        return c.masked();
    }

    /**
     * Replaces a connector with {@code connector} (a rename keeps its password). Its password
     * stays unless the new definition gives another: "****" or null keep it, "" removes it.
     */
    public SendConnector update(String name, SendConnector connector) {
        SendConnector old = find(name).orElseThrow(() -> ServiceException.notFound("No send connector '" + name + "'"));
        SendConnector c = validated(connector.withDefaults(), old.name());
        if (!key(c.name()).equals(key(old.name())) && find(c.name()).isPresent()) {
            throw ServiceException.conflict("A send connector named '" + c.name() + "' exists");
        }
        em.createNativeQuery("DELETE FROM SEND_CONNECTOR WHERE NAME_KEY = ?").setParameter(1, key(old.name())).executeUpdate();
        em.createNativeQuery("INSERT INTO SEND_CONNECTOR (NAME_KEY, DEFINITION, UPDATED_AT) VALUES (?, ?, ?)")
                .setParameter(1, key(c.name())).setParameter(2, JSON.toJson(sealed(c, old)))
                .setParameter(3, System.currentTimeMillis()).executeUpdate();
        return c.masked();
    }

    public void delete(String name) {
        if (em.createNativeQuery("DELETE FROM SEND_CONNECTOR WHERE NAME_KEY = ?").setParameter(1, key(name)).executeUpdate() == 0) {
            throw ServiceException.notFound("No send connector '" + name + "'");
        }
    }

    /** The enabled connector that serves {@code domain}, with its password readable, if any. */
    public Optional<SendConnector> route(String domain) {
        return best(domain).map(c -> c.authPassword() == null ? c : c.withPassword(secrets.decrypt(c.authPassword())));
    }

    /** Whether an enabled connector serves {@code domain} (an RCPT's question: no password is opened). */
    public boolean routes(String domain) {
        return best(domain).isPresent();
    }

    private Optional<SendConnector> best(String domain) {
        String d = Addresses.domain(domain);
        if (d == null) {
            return Optional.empty();
        }
        SendConnector best = null;
        int bestScore = -1;
        for (SendConnector c : stored()) {
            if (!c.enabled()) {
                continue;
            }
            for (String space : c.addressSpaces()) {
                int score = AddressSpaces.match(space, d);
                if (score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private SendConnector validated(SendConnector c, String oldName) {
        if (c.name() == null || c.name().isBlank() || c.name().strip().length() > 64) {
            throw ServiceException.invalid("name", "A send connector needs a name of 1 to 64 characters");
        }
        if (c.addressSpaces().isEmpty()) {
            throw ServiceException.invalid("addressSpaces", "Name at least one address space: a domain, *.domain or *");
        }
        List<String> spaces = new ArrayList<>();
        for (String space : c.addressSpaces()) {
            String s = space == null ? "" : space.strip().toLowerCase(Locale.ROOT);
            boolean valid = s.equals("*") || (s.startsWith("*.") ? Addresses.domain(s.substring(2)) != null : Addresses.domain(s) != null);
            if (!valid) {
                throw ServiceException.invalid("addressSpaces", "'" + space + "' is not a domain, *.domain or *");
            }
            spaces.add(s);
        }
        for (String host : c.smartHosts()) {
            try {
                HostAndPort.parse(host, 25);
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalid("smartHosts", "'" + host + "': " + e.getMessage());
            }
        }
        if (c.port() < 1 || c.port() > 65535) {
            throw ServiceException.invalid("port", "port must be 1 to 65535");
        }
        if (!Set.of(SendConnector.NONE, SendConnector.OPPORTUNISTIC, SendConnector.REQUIRED).contains(c.tls())) {
            throw ServiceException.invalid("tls", "tls must be None, Opportunistic or Required");
        }
        if (c.maxMessageSize() < 0) {
            throw ServiceException.invalid("maxMessageSize", "maxMessageSize must not be negative (0: no limit of its own)");
        }
        if ((c.authUser() == null || c.authUser().isBlank()) != (c.authPassword() == null || c.authPassword().isEmpty())
                && !(SendConnector.MASK.equals(c.authPassword()) && oldName != null)) {
            throw ServiceException.invalid("authUser", "authUser and authPassword go together");
        }
        if (c.enabled()) {
            // The same address space on two enabled connectors leaves the route to chance.
            Set<String> mine = new HashSet<>(spaces);
            for (SendConnector other : stored()) {
                if (other.enabled() && !key(other.name()).equals(key(oldName == null ? c.name() : oldName))
                        && other.addressSpaces().stream().anyMatch(mine::contains)) {
                    throw ServiceException.invalid("addressSpaces", "Send connector '" + other.name()
                            + "' already serves one of these address spaces");
                }
            }
        }
        return new SendConnector(c.name().strip(), c.enabled(), spaces, c.smartHosts().stream().map(String::strip).toList(),
                c.port(), c.tls(), c.verifyCertificate(), blankToNull(c.authUser()), c.authPassword(), c.maxMessageSize(),
                blankToNull(c.sourceIp()));
    }

    /** The definition to store: a new password sealed, "****"/null keeping the old one, "" none. */
    private SendConnector sealed(SendConnector c, SendConnector old) {
        String password = c.authPassword();
        if (password == null || password.equals(SendConnector.MASK)) {
            return c.withPassword(old == null ? null : old.authPassword());
        }
        return c.withPassword(password.isEmpty() ? null : secrets.encrypt(password));
    }

    private List<SendConnector> stored() {
        List<?> rows = em.createNativeQuery("SELECT DEFINITION FROM SEND_CONNECTOR").getResultList();
        return rows.stream().map(r -> JSON.fromJson((String) r, SendConnector.class)).toList();
    }

    private Optional<SendConnector> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("SELECT DEFINITION FROM SEND_CONNECTOR WHERE NAME_KEY = ?").setParameter(1, key(name))
                .getResultList();
        return rows.stream().findFirst().map(r -> JSON.fromJson((String) r, SendConnector.class));
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
