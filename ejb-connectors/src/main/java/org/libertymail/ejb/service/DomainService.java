package org.libertymail.ejb.service;

import java.time.Instant;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.ejb.store.Domain;
import org.libertymail.ejb.store.Mailbox;

/** The domains this server is authoritative for. */
@Stateless
public class DomainService {
    @Inject
    RecipientChanges recipientChanges;

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    public List<DomainView> list() {
        return em.createNamedQuery(Domain.ALL, Domain.class).getResultList().stream().map(DomainService::view).toList();
    }

    public DomainView create(String name) {
        return create(name, null, null);
    }

    /** Creates a domain whose mailboxes get the given quota unless they have their own. */
    public DomainView create(String name, Long quotaBytes, Long quotaMessages) {
        String normalized = Addresses.domain(name);
        if (normalized == null) {
            throw ServiceException.invalid("name", "'" + name + "' is not a valid domain name");
        }
        if (find(normalized) != null) {
            throw ServiceException.conflict("Domain " + normalized + " already exists");
        }
        Quotas.check(quotaBytes, quotaMessages);
        Domain domain = new Domain(normalized, System.currentTimeMillis());
        domain.setQuota(quotaBytes, quotaMessages);
        em.persist(domain);
        return view(domain);
    }

    /** Deletes an empty domain; one that still has mailboxes is refused. */
    public void delete(String name) {
        String normalized = Addresses.domain(name);
        Domain domain = normalized == null ? null : find(normalized);
        if (domain == null) {
            throw ServiceException.notFound("Domain " + name + " does not exist");
        }
        long mailboxes = em.createNamedQuery(Mailbox.COUNT_IN_DOMAIN, Long.class).setParameter("domain", domain)
                .getSingleResult();
        if (mailboxes > 0) {
            throw ServiceException.conflict("Domain " + normalized + " still has " + mailboxes + " mailboxes");
        }
        PublicFolderService.forget(em, "@" + domain.getName());
        em.remove(domain);
    }

    /** Sets the default quota of the domain's mailboxes (null limits: unlimited). */
    public DomainView setQuota(String name, Long quotaBytes, Long quotaMessages) {
        Quotas.check(quotaBytes, quotaMessages);
        String normalized = Addresses.domain(name);
        Domain domain = normalized == null ? null : find(normalized);
        if (domain == null) {
            throw ServiceException.notFound("Domain " + name + " does not exist");
        }
        domain.setQuota(quotaBytes, quotaMessages);
        recipientChanges.changed();
        return view(domain);
    }

    public Domain find(String normalizedName) {
        return em.createNamedQuery(Domain.BY_NAME, Domain.class).setParameter("name", normalizedName)
                .getResultStream().findFirst().orElse(null);
    }

    private static DomainView view(Domain d) {
        return new DomainView(d.getName(), Instant.ofEpochMilli(d.getCreatedAt()).toString(), d.getQuotaBytes(), d.getQuotaMessages());
    }
}
