package org.libertymail.ejb.service;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.ejb.store.Domain;
import org.libertymail.ejb.store.Folder;
import org.libertymail.ejb.store.Mailbox;

/** Mailboxes (accounts): creation with their INBOX, deletion with all their mail, login. */
@Stateless
public class MailboxService {
    static final int MIN_PASSWORD_LENGTH = 8;

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @EJB
    DomainService domains;

    @EJB
    MessageStore messages;

    @Inject
    Passwords passwords;

    public List<MailboxView> list() {
        return em.createNamedQuery(Mailbox.ALL, Mailbox.class).getResultList().stream().map(MailboxService::view).toList();
    }

    public MailboxView get(String address) {
        Mailbox mailbox = find(address);
        if (mailbox == null) {
            throw ServiceException.notFound("Mailbox " + address + " does not exist");
        }
        return view(mailbox);
    }

    public MailboxView create(String address, String password) {
        String normalized = Addresses.address(address);
        if (normalized == null) {
            throw ServiceException.invalid("'" + address + "' is not a valid mailbox address");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ServiceException.invalid("The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        Domain domain = domains.find(Addresses.domainOf(normalized));
        if (domain == null) {
            throw ServiceException.invalid("Domain " + Addresses.domainOf(normalized) + " is not hosted here; create it first");
        }
        if (find(normalized) != null) {
            throw ServiceException.conflict("Mailbox " + normalized + " already exists");
        }
        Mailbox mailbox = new Mailbox(domain, normalized, passwords.hash(password), System.currentTimeMillis());
        em.persist(mailbox);
        em.persist(new Folder(mailbox, Folder.INBOX, System.currentTimeMillis() / 1000));
        return view(mailbox);
    }

    public void delete(String address) {
        Mailbox mailbox = find(address);
        if (mailbox == null) {
            throw ServiceException.notFound("Mailbox " + address + " does not exist");
        }
        for (Folder folder : em.createNamedQuery(Folder.OF_MAILBOX, Folder.class)
                .setParameter("address", mailbox.getAddress()).getResultList()) {
            messages.removeAll(folder);
            em.remove(folder);
        }
        em.remove(mailbox);
    }

    /** @return the canonical address when the password is right, else null */
    public String authenticate(String user, String password) {
        Mailbox mailbox = user == null || password == null ? null : find(user);
        if (mailbox == null) {
            passwords.burn(password == null ? "" : password);
            return null;
        }
        return passwords.matches(password, mailbox.getPasswordHash()) ? mailbox.getAddress() : null;
    }

    public Mailbox find(String address) {
        String normalized = Addresses.address(address);
        if (normalized == null) {
            return null;
        }
        return em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class).setParameter("address", normalized)
                .getResultStream().findFirst().orElse(null);
    }

    private static MailboxView view(Mailbox m) {
        return new MailboxView(m.getAddress(), Addresses.domainOf(m.getAddress()), m.getCreatedAt());
    }
}
