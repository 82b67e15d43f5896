package org.libertymail.ejb.service;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.ejb.store.Domain;
import org.libertymail.ejb.store.Mailbox;

/**
 * A mailbox's aliases (V15): more addresses that deliver to its INBOX. An address is a mailbox
 * or one mailbox's alias, never both; both kinds are created under their domain's row lock,
 * so two administrators cannot take one address twice at the same moment.
 */
@Stateless
public class MailboxAliasService {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @EJB
    MailboxService mailboxes;

    @EJB
    DomainService domains;

    @Inject
    RecipientChanges recipientChanges;

    /** The mailbox's aliases, by address. */
    public List<String> list(String mailboxAddress) {
        Mailbox mailbox = existing(mailboxAddress);
        return aliases(mailbox);
    }

    /**
     * Gives the mailbox the alias (again: no change); it must be an address of a hosted domain
     * that no mailbox and no other mailbox's alias has.
     *
     * @return the mailbox's aliases
     */
    public List<String> add(String mailboxAddress, String alias) {
        Mailbox mailbox = existing(mailboxAddress);
        String normalized = Addresses.address(alias);
        if (normalized == null) {
            throw ServiceException.invalid("alias", "'" + alias + "' is not a valid address");
        }
        Domain domain = domains.find(Addresses.domainOf(normalized));
        if (domain == null) {
            throw ServiceException.invalid("alias", "Domain " + Addresses.domainOf(normalized) + " is not hosted here; create it first");
        }
        lockDomain(em, domain);
        if (mailboxes.find(normalized) != null) {
            throw ServiceException.conflict(normalized + " is a mailbox");
        }
        List<?> owner = em.createNativeQuery("SELECT b.ADDRESS FROM MAIL_ALIAS a JOIN MAILBOX b ON b.ID = a.MAILBOX_ID "
                + "WHERE a.ADDRESS = ?").setParameter(1, normalized).getResultList();
        if (owner.isEmpty()) {
            em.createNativeQuery("INSERT INTO MAIL_ALIAS (ADDRESS, MAILBOX_ID, CREATED_AT) VALUES (?, ?, ?)")
                    .setParameter(1, normalized).setParameter(2, mailbox.getId())
                    .setParameter(3, System.currentTimeMillis()).executeUpdate();
        } else if (!mailbox.getAddress().equals(owner.get(0))) {
            throw ServiceException.conflict(normalized + " is already an alias of " + owner.get(0));
        }
        return aliases(mailbox);
    }

    /** Removes the alias; mail to it is refused (550 5.1.1) from the next RCPT on. */
    public void remove(String mailboxAddress, String alias) {
        Mailbox mailbox = existing(mailboxAddress);
        String normalized = Addresses.address(alias);
        int removed = normalized == null ? 0 : em.createNativeQuery("DELETE FROM MAIL_ALIAS WHERE ADDRESS = ? AND MAILBOX_ID = ?")
                .setParameter(1, normalized).setParameter(2, mailbox.getId()).executeUpdate();
        if (removed == 0) {
            throw ServiceException.notFound(alias + " is not an alias of " + mailbox.getAddress());
        }
        recipientChanges.changed();
    }

    /** Whether an address is some mailbox's alias. */
    static boolean isAlias(EntityManager em, String normalizedAddress) {
        return !em.createNativeQuery("SELECT 1 FROM MAIL_ALIAS WHERE ADDRESS = ?").setParameter(1, normalizedAddress)
                .getResultList().isEmpty();
    }

    /** Serializes the creation of addresses in one domain (mailboxes and aliases). */
    static void lockDomain(EntityManager em, Domain domain) {
        em.createNativeQuery("UPDATE MAIL_DOMAIN SET NAME = NAME WHERE ID = ?").setParameter(1, domain.getId()).executeUpdate();
    }

    private List<String> aliases(Mailbox mailbox) {
        List<?> rows = em.createNativeQuery("SELECT ADDRESS FROM MAIL_ALIAS WHERE MAILBOX_ID = ? ORDER BY ADDRESS")
                .setParameter(1, mailbox.getId()).getResultList();
        return rows.stream().map(String::valueOf).toList();
    }

    private Mailbox existing(String address) {
        Mailbox mailbox = mailboxes.find(address);
        if (mailbox == null) {
            throw ServiceException.notFound("Mailbox " + address + " does not exist");
        }
        return mailbox;
    }
}
