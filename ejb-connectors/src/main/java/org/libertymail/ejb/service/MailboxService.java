package org.libertymail.ejb.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.libertymail.adapter.api.ApopDigest;
import org.libertymail.adapter.api.LoginResult;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MailboxOverrides;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.api.ServiceSettings;
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

    @Inject
    SessionChanges sessionChanges;

    @EJB
    FolderService folders;

    @EJB
    SecretBox secrets;

    public List<MailboxView> list() {
        return page(null, null, 0, Integer.MAX_VALUE).items();
    }

    /** One page of the mailboxes, by address. */
    public record Page(List<MailboxView> items, long total) {
    }

    /**
     * Mailboxes by address, optionally of one domain and with {@code search} in the address
     * (case-insensitive), {@code limit} of them from {@code offset}, with how many match in all.
     * Their domains come in the same query.
     */
    public Page page(String domain, String search, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE m.domain IS NOT NULL");
        if (domain != null) {
            where.append(" AND m.domain.name = :domain");
        }
        if (search != null) {
            where.append(" AND m.address LIKE :search ESCAPE '!'");
        }
        TypedQuery<Mailbox> rows = em.createQuery("SELECT m FROM Mailbox m JOIN FETCH m.domain" + where
                + " ORDER BY m.address", Mailbox.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(m) FROM Mailbox m" + where, Long.class);
        for (TypedQuery<?> q : List.of(rows, count)) {
            if (domain != null) {
                q.setParameter("domain", domain.toLowerCase(Locale.ROOT));
            }
            if (search != null) {
                q.setParameter("search", LikePatterns.containing(search.toLowerCase(Locale.ROOT)));
            }
        }
        List<MailboxView> items = rows.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(m -> view(m, null)).toList();
        return new Page(items, count.getSingleResult());
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
            throw ServiceException.invalid("address", "'" + address + "' is not a valid mailbox address");
        }
        checkPassword(password);
        Domain domain = domains.find(Addresses.domainOf(normalized));
        if (domain == null) {
            throw ServiceException.invalid("address", "Domain " + Addresses.domainOf(normalized) + " is not hosted here; create it first");
        }
        MailboxAliasService.lockDomain(em, domain);
        if (find(normalized) != null) {
            throw ServiceException.conflict("Mailbox " + normalized + " already exists");
        }
        if (MailboxAliasService.isAlias(em, normalized)) {
            throw ServiceException.conflict(normalized + " is an alias of another mailbox");
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
        sessionChanges.close(em, mailbox.getAddress(), null);
    }

    /**
     * Checks the password, then whether the mailbox may use {@code protocol} (POP3, IMAP, SMTP
     * submission): a disabled mailbox or protocol is told only to the one who knows the password.
     */
    public LoginResult authenticate(String user, String password, Protocol protocol) {
        Mailbox mailbox = user == null || password == null ? null : find(user);
        if (mailbox == null) {
            passwords.burn(password == null ? "" : password);
            return LoginResult.refused(LoginResult.Refusal.CREDENTIALS);
        }
        String stored = mailbox.getPasswordHash();
        if (!authCache.verified(mailbox.getAddress(), stored, password)) {
            if (!passwords.matches(password, stored)) {
                return LoginResult.refused(LoginResult.Refusal.CREDENTIALS);
            }
            authCache.remember(mailbox.getAddress(), stored, password);
        }
        return admitted(mailbox, protocol);
    }

    /**
     * POP3's APOP: the digest of the greeting's timestamp and the mailbox's APOP secret. Only a
     * mailbox an administrator gave a secret may log in so; any other is refused as a wrong
     * password is.
     */
    public LoginResult authenticateApop(String user, String timestamp, String digest) {
        Mailbox mailbox = user == null || timestamp == null || digest == null ? null : find(user);
        String secret = mailbox == null ? null : secrets.decrypt(mailbox.getApopSecret());
        if (secret == null || !ApopDigest.matches(digest, timestamp, secret)) {
            return LoginResult.refused(LoginResult.Refusal.CREDENTIALS);
        }
        return admitted(mailbox, Protocol.POP3);
    }

    private static LoginResult admitted(Mailbox mailbox, Protocol protocol) {
        if (!mailbox.isEnabled()) {
            return LoginResult.refused(LoginResult.Refusal.MAILBOX_DISABLED);
        }
        boolean allowed = switch (protocol) {
            case POP3 -> mailbox.isPop3Enabled();
            case IMAP -> mailbox.isImapEnabled();
            case SMTP -> mailbox.isSubmissionEnabled();
        };
        return allowed ? LoginResult.ok(mailbox.getAddress(),
                new MailboxOverrides(mailbox.getPop3SortOrder(), mailbox.getPop3MimeFormat(), mailbox.getImapShowHidden(),
                        mailbox.getImapMimeFormat(), mailbox.getImapExactSize()))
                : LoginResult.refused(LoginResult.Refusal.PROTOCOL_DISABLED);
    }

    /**
     * The mailbox's own POP3 retrieval settings (Exchange's Set-CASMailbox); null or blank: the
     * POP3 service's. They apply from the mailbox's next login.
     */
    public MailboxView setPop3Retrieval(String address, String sortOrder, String mimeFormat) {
        String order = sortOrder == null || sortOrder.isBlank() ? null : sortOrder.strip();
        if (order != null && !order.equalsIgnoreCase(ServiceSettings.ASCENDING) && !order.equalsIgnoreCase(ServiceSettings.DESCENDING)) {
            throw ServiceException.invalidField("messageRetrievalSortOrder", "messageRetrievalSortOrder is Ascending or Descending");
        }
        String format = mimeFormat(mimeFormat);
        if (order != null) {
            order = order.equalsIgnoreCase(ServiceSettings.ASCENDING) ? ServiceSettings.ASCENDING : ServiceSettings.DESCENDING;
        }
        Mailbox mailbox = existing(address);
        mailbox.setPop3Retrieval(order, format);
        return get(address);
    }

    /** The mailbox's own IMAP ShowHiddenFolders (null: the IMAP service's), from its next login. */
    public MailboxView setImapShowHiddenFolders(String address, Boolean show) {
        existing(address).setImapShowHidden(show);
        return get(address);
    }

    /**
     * The mailbox's own IMAP MessageRetrievalMimeFormat and EnableExactRFC822Size (null or blank
     * format, null size: the IMAP service's), from its next login.
     */
    public MailboxView setImapRetrieval(String address, String mimeFormat, Boolean exactSize) {
        String format = mimeFormat(mimeFormat);
        Mailbox mailbox = existing(address);
        mailbox.setImapMimeFormat(format);
        mailbox.setImapExactSize(exactSize);
        return get(address);
    }

    /**
     * Hides one of the mailbox's folders from IMAP listings, or shows it again. INBOX is always
     * listed: clients cannot work without it.
     */
    public MailboxView setFolderHidden(String address, String folderName, boolean hidden) {
        Mailbox mailbox = existing(address);
        Folder folder = Folders.byName(em, mailbox.getAddress(), folderName);
        if (folder == null) {
            throw ServiceException.notFound("Mailbox " + mailbox.getAddress() + " has no folder " + folderName);
        }
        if (hidden && folder.getName().equals("INBOX")) {
            throw ServiceException.invalidField("name", "INBOX cannot be hidden");
        }
        folder.setHidden(hidden);
        return get(address);
    }

    /**
     * Enables APOP for the mailbox with this shared secret (sealed, since the server must read
     * it back), or disables it (null). The secret is no password: RFC 1939 APOP clients keep it.
     */
    public MailboxView setApopSecret(String address, String secret) {
        if (secret != null && secret.length() < MIN_PASSWORD_LENGTH) {
            throw ServiceException.invalidField("secret", "The APOP secret must have at least " + MIN_PASSWORD_LENGTH
                    + " characters");
        }
        Mailbox mailbox = existing(address);
        mailbox.setApopSecret(secret == null ? null : secrets.encrypt(secret));
        return get(address);
    }

    /**
     * Enables or disables the mailbox and its protocols (null: unchanged). Sessions that may no
     * longer run are closed once this commits, here and on every other server.
     */
    public MailboxView setAccess(String address, Boolean enabled, Boolean pop3, Boolean imap, Boolean smtp) {
        Mailbox mailbox = existing(address);
        mailbox.setAccess(enabled, pop3, imap, smtp);
        if (!mailbox.isEnabled()) {
            sessionChanges.close(em, mailbox.getAddress(), null);
        } else {
            if (!mailbox.isPop3Enabled()) {
                sessionChanges.close(em, mailbox.getAddress(), Protocol.POP3);
            }
            if (!mailbox.isImapEnabled()) {
                sessionChanges.close(em, mailbox.getAddress(), Protocol.IMAP);
            }
            if (!mailbox.isSubmissionEnabled()) {
                sessionChanges.close(em, mailbox.getAddress(), Protocol.SMTP);
            }
        }
        return get(address);
    }

    /**
     * The POP3 maildrop lock (V9): taken when free, held by {@code holder}, or expired; renewed
     * when {@code holder} holds it. One statement, so two servers cannot both take it.
     */
    public boolean lockMaildrop(String account, String holder) {
        long now = System.currentTimeMillis();
        return em.createNativeQuery("UPDATE MAILBOX SET POP3_LOCK = ?, POP3_LOCKED_AT = ? WHERE ADDRESS = ? "
                + "AND (POP3_LOCK IS NULL OR POP3_LOCK = ? OR POP3_LOCKED_AT < ?)").setParameter(1, holder).setParameter(2, now)
                .setParameter(3, account).setParameter(4, holder)
                .setParameter(5, now - MailboxAccessListener.MAILDROP_LEASE_MILLIS).executeUpdate() == 1;
    }

    public void unlockMaildrop(String account, String holder) {
        em.createNativeQuery("UPDATE MAILBOX SET POP3_LOCK = NULL, POP3_LOCKED_AT = NULL WHERE ADDRESS = ? AND POP3_LOCK = ?")
                .setParameter(1, account).setParameter(2, holder).executeUpdate();
    }

    /** A new random password, set at once (a reset): @return it, to be handed to the user */
    public String resetPassword(String address) {
        String password = Passwords.random();
        setPassword(address, password);
        return password;
    }

    /** Sets a new password; logins cached under the old one stop working at once. */
    public void setPassword(String address, String password) {
        checkPassword(password);
        Mailbox mailbox = existing(address);
        mailbox.setPasswordHash(passwords.hash(password));
        authCache.forget(mailbox.getAddress());
        sessionChanges.close(em, mailbox.getAddress(), null); // whoever logged in with the old one is out
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ServiceException.invalid("password", "The password must have at least " + MIN_PASSWORD_LENGTH + " characters");
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
            return new MailboxView(m.getAddress(), d.getName(), Instant.ofEpochMilli(m.getCreatedAt()).toString(), quota, null, null, access(m), pop3(m), imap(m));
        }
        List<MailboxView.FolderUsage> usage = folders.stream()
                .map(f -> new MailboxView.FolderUsage(f.getName(), f.getMessageCount(), f.getTotalBytes(), f.isHidden())).toList();
        return new MailboxView(m.getAddress(), d.getName(), Instant.ofEpochMilli(m.getCreatedAt()).toString(), quota,
                new MailboxView.Usage(usage.stream().mapToLong(MailboxView.FolderUsage::messages).sum(),
                        usage.stream().mapToLong(MailboxView.FolderUsage::bytes).sum()),
                usage, access(m), pop3(m), imap(m));
    }

    /** A body format setting in its canonical spelling; null for none (the service's). */
    private static String mimeFormat(String setting) {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        return RetrievalFormat.parse(setting).map(RetrievalFormat::setting)
                .orElseThrow(() -> ServiceException.invalidField("messageRetrievalMimeFormat", RetrievalFormat.ALLOWED));
    }

    private static MailboxView.Imap imap(Mailbox m) {
        return new MailboxView.Imap(m.getImapShowHidden(), m.getImapMimeFormat(), m.getImapExactSize());
    }

    private static MailboxView.Pop3 pop3(Mailbox m) {
        return new MailboxView.Pop3(m.getPop3SortOrder(), m.getPop3MimeFormat(), m.getApopSecret() != null);
    }

    private static MailboxView.Access access(Mailbox m) {
        return new MailboxView.Access(m.isEnabled(),
                new MailboxView.Protocols(m.isPop3Enabled(), m.isImapEnabled(), m.isSubmissionEnabled()));
    }
}
