package org.libertymail.ejb.service;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.adapter.api.DkimKey;
import org.libertymail.ejb.store.Domain;

/**
 * DKIM keys per hosted domain (V17): made here (RSA 2048), the private key sealed by
 * {@link SecretBox} and never shown; the administrator publishes the public key in DNS.
 */
@Stateless
public class DkimKeyService {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @EJB
    DomainService domains;

    @EJB
    SecretBox secrets;

    /**
     * A domain's key as the API shows it: where and what to publish.
     *
     * @param dnsName the TXT record's name
     * @param dnsRecord the TXT record's value
     */
    public record DkimView(String domain, String selector, String dnsName, String dnsRecord, String createdAt) {
    }

    /** Makes a new key for the domain under {@code selector}, replacing its old one. */
    public DkimView create(String domainName, String selector) {
        Domain domain = existing(domainName);
        String s = selector == null || selector.isBlank() ? "mail" : selector.strip().toLowerCase(java.util.Locale.ROOT);
        if (!s.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw ServiceException.invalid("selector", "A selector is a DNS label: letters, digits and '-'");
        }
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("DELETE FROM DKIM_KEY WHERE DOMAIN_ID = ?").setParameter(1, domain.getId()).executeUpdate();
        em.createNativeQuery("INSERT INTO DKIM_KEY (DOMAIN_ID, SELECTOR, PRIVATE_KEY, PUBLIC_KEY, CREATED_AT) VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, domain.getId()).setParameter(2, s)
                .setParameter(3, secrets.encrypt(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded())))
                .setParameter(4, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()))
                .setParameter(5, System.currentTimeMillis()).executeUpdate();
        return get(domainName);
    }

    public DkimView get(String domainName) {
        Domain domain = existing(domainName);
        List<?> rows = em.createNativeQuery("SELECT SELECTOR, PUBLIC_KEY, CREATED_AT FROM DKIM_KEY WHERE DOMAIN_ID = ?")
                .setParameter(1, domain.getId()).getResultList();
        if (rows.isEmpty()) {
            throw ServiceException.notFound("Domain " + domain.getName() + " has no DKIM key");
        }
        Object[] r = (Object[]) rows.get(0);
        return new DkimView(domain.getName(), (String) r[0], r[0] + "._domainkey." + domain.getName(),
                "v=DKIM1; k=rsa; p=" + r[1], Instant.ofEpochMilli(((Number) r[2]).longValue()).toString());
    }

    public void delete(String domainName) {
        Domain domain = existing(domainName);
        if (em.createNativeQuery("DELETE FROM DKIM_KEY WHERE DOMAIN_ID = ?").setParameter(1, domain.getId()).executeUpdate() == 0) {
            throw ServiceException.notFound("Domain " + domain.getName() + " has no DKIM key");
        }
    }

    /** The key to sign a message from {@code domainName} with, if the domain has one. */
    public Optional<DkimKey> signingKey(String domainName) {
        String d = Addresses.domain(domainName);
        if (d == null) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("SELECT k.SELECTOR, k.PRIVATE_KEY FROM DKIM_KEY k JOIN MAIL_DOMAIN d "
                + "ON d.ID = k.DOMAIN_ID WHERE d.NAME = ?").setParameter(1, d).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] r = (Object[]) row;
            return new DkimKey(d, (String) r[0], Base64.getDecoder().decode(secrets.decrypt((String) r[1])));
        });
    }

    private Domain existing(String name) {
        String d = Addresses.domain(name);
        Domain domain = d == null ? null : domains.find(d);
        if (domain == null) {
            throw ServiceException.notFound("No domain " + name);
        }
        return domain;
    }
}
