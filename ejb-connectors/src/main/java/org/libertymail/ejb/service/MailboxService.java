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

    @Inject
    AuthCache authCache;

    @Inject
    RecipientChanges recipientChanges;

    @EJB
    FolderService folders;

    public List<MailboxView> list() {
        return em.createNamedQuery(Mailbox.ALL, Mailbox.class).getResultList().stream()
                .map(m -> view(m, null)).toList();
    }

    /** The mailbox with its quota and its usage per folder. */
    public MailboxView get(String address) {
        Mailbox mailbox = existing(address);
        return view(mailbox, em.createNamedQuery(Folder.OF_MAILBOX, Folder.class)
                .setParameter(1, mailbox.getAddress()).getResultList());
    }

    /** Sets the mailbox's own quota; a null limit falls back to the domain's default. */
    public MailboxView setQuota(String address, Long bytes, Long messages) {
        Quotas.check(bytes, messages);
        existing(address).setQuota(bytes, messages);
        recipientChanges.changed();
        return get(address);
    }

    public MailboxView create(String address, String password) {
        return create(address, password, null, null);
    }

    public MailboxView create(String address, String password, Long quotaBytes, Long quotaMessages) {
        String normalized = Addresses.address(address);
        if (normalized == null) {
            throw ServiceException.invalid("'" + address + "' is not a valid mailbox address");
        }
        checkPassword(password);
        Domain domain = domains.find(Addresses.domainOf(normalized));
        if (domain == null) {
            throw ServiceException.invalid("Domain " + Addresses.domainOf(normalized) + " is not hosted here; create it first");
        }
        if (find(normalized) != null) {
            throw ServiceException.conflict("Mailbox " + normalized + " already exists");
        }
        Quotas.check(quotaBytes, quotaMessages);
        Mailbox mailbox = new Mailbox(domain, normalized, passwords.hash(password), System.currentTimeMillis());
        mailbox.setQuota(quotaBytes, quotaMessages);
        em.persist(mailbox);
        folders.createDefaults(mailbox);
        return view(mailbox, em.createNamedQuery(Folder.OF_MAILBOX, Folder.class).setParameter(1, normalized)
                .getResultList());
    }

    /** Deletes the mailbox with all its mail; its folders are locked first, in id order. */
    public void delete(String address) {
        Mailbox mailbox = existing(address);
        List<Folder> folders = em.createNamedQuery(Folder.OF_MAILBOX, Folder.class)
                .setParameter(1, mailbox.getAddress()).getResultList();
        List<Long> ids = folders.stream().map(Folder::getId).sorted().toList();
        ids.forEach(id -> FolderLocks.lock(em, id));
        ids.forEach(messages::removeAll);
        folders.forEach(em::remove);
        PublicFolderService.forget(em, mailbox.getAddress());
        em.remove(mailbox);
        authCache.forget(mailbox.getAddress());
        recipientChanges.changed();
    }

    /** @return the canonical address when the password is right, else null */
    public String authenticate(String user, String password) {
        Mailbox mailbox = user == null || password == null ? null : find(user);
        if (mailbox == null) {
            passwords.burn(password == null ? "" : password);
            return null;
        }
        String stored = mailbox.getPasswordHash();
        if (authCache.verified(mailbox.getAddress(), stored, password)) {
            return mailbox.getAddress();
        }
        if (!passwords.matches(password, stored)) {
            return null;
        }
        authCache.remember(mailbox.getAddress(), stored, password);
        return mailbox.getAddress();
    }

    /** Sets a new password; logins cached under the old one stop working at once. */
    public void setPassword(String address, String password) {
        checkPassword(password);
        Mailbox mailbox = existing(address);
        mailbox.setPasswordHash(passwords.hash(password));
        authCache.forget(mailbox.getAddress());
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ServiceException.invalid("The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    public Mailbox find(String address) {
        String normalized = Addresses.address(address);
        if (normalized == null) {
            return null;
        }
        return em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class).setParameter("address", normalized)
                .getResultStream().findFirst().orElse(null);
    }

    private Mailbox existing(String address) {
        Mailbox mailbox = find(address);
        if (mailbox == null) {
            throw ServiceException.notFound("Mailbox " + address + " does not exist");
        }
        return mailbox;
    }

    /** @param folders the folders whose usage to show, or null for a listing */
    private static MailboxView view(Mailbox m, List<Folder> folders) {
        Domain d = m.getDomain();
        MailboxView.Quota quota = new MailboxView.Quota(
                m.getQuotaBytes() != null ? m.getQuotaBytes() : d.getQuotaBytes(),
                m.getQuotaMessages() != null ? m.getQuotaMessages() : d.getQuotaMessages());
        if (folders == null) {
            return new MailboxView(m.getAddress(), d.getName(), m.getCreatedAt(), quota, null, null);
        }
        List<MailboxView.FolderUsage> usage = folders.stream()
                .map(f -> new MailboxView.FolderUsage(f.getName(), f.getMessageCount(), f.getTotalBytes())).toList();
        return new MailboxView(m.getAddress(), d.getName(), m.getCreatedAt(), quota,
                new MailboxView.Usage(usage.stream().mapToLong(MailboxView.FolderUsage::messages).sum(),
                        usage.stream().mapToLong(MailboxView.FolderUsage::bytes).sum()),
                usage);
    }
}
