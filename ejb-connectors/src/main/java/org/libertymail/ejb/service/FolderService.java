package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.libertymail.adapter.api.FolderChange;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.ejb.store.Folder;
import org.libertymail.ejb.store.Mailbox;

/**
 * A mailbox's folders as IMAP manages them: CREATE, DELETE, RENAME, SUBSCRIBE. Every mailbox
 * gets INBOX and the RFC 6154 special-use folders, all subscribed. Changes of one mailbox's
 * folders take the mailbox row's lock first, so two sessions renaming or creating at once queue
 * instead of racing on names.
 */
@Stateless
public class FolderService {
    /** The folders every mailbox is created with besides INBOX, and their special use. */
    static final List<String[]> SPECIAL_FOLDERS = List.of(new String[] {"Sent", "\\Sent"},
            new String[] {"Drafts", "\\Drafts"}, new String[] {"Trash", "\\Trash"}, new String[] {"Junk", "\\Junk"},
            new String[] {"Archive", "\\Archive"});
    private static final String DELIMITER = String.valueOf(FolderInfo.DELIMITER);

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @EJB
    MessageStore messages;

    /** INBOX and the special-use folders of a new mailbox, subscribed. @return INBOX */
    public Folder createDefaults(Mailbox mailbox) {
        long validity = System.currentTimeMillis() / 1000;
        Folder inbox = new Folder(mailbox, Folder.INBOX, validity);
        em.persist(inbox);
        for (String[] special : SPECIAL_FOLDERS) {
            em.persist(new Folder(mailbox, special[0], validity, special[1]));
        }
        em.flush();
        subscribe(mailbox.getId(), Folder.INBOX, true);
        SPECIAL_FOLDERS.forEach(s -> subscribe(mailbox.getId(), s[0], true));
        return inbox;
    }

    public FolderChange create(String account, String name) {
        Mailbox mailbox = lockedMailbox(account);
        if (mailbox == null) {
            return FolderChange.NONEXISTENT;
        }
        if (Folders.byName(em, account, name) != null) {
            return FolderChange.EXISTS;
        }
        // Superiors first (RFC 3501 6.3.3: a server SHOULD create them).
        String[] levels = name.split(DELIMITER);
        StringBuilder path = new StringBuilder();
        for (String level : levels) {
            path.append(path.length() == 0 ? "" : DELIMITER).append(level);
            if (Folders.byName(em, account, path.toString()) == null) {
                em.persist(new Folder(mailbox, path.toString(), newUidValidity(mailbox)));
            }
        }
        return FolderChange.DONE;
    }

    public FolderChange delete(String account, String name) {
        if (name.equals(Folder.INBOX)) {
            return FolderChange.NOT_ALLOWED;
        }
        Mailbox mailbox = lockedMailbox(account);
        Folder folder = mailbox == null ? null : Folders.byName(em, account, name);
        if (folder == null) {
            return FolderChange.NONEXISTENT;
        }
        if (!children(account, name).isEmpty()) {
            return FolderChange.HAS_CHILDREN;
        }
        FolderLocks.lock(em, folder.getId());
        messages.removeAll(folder.getId());
        em.remove(folder);
        return FolderChange.DONE;
    }

    public FolderChange rename(String account, String from, String to) {
        Mailbox mailbox = lockedMailbox(account);
        Folder folder = mailbox == null ? null : Folders.byName(em, account, from);
        if (folder == null) {
            return FolderChange.NONEXISTENT;
        }
        if (to.equals(Folder.INBOX) || to.startsWith(from + DELIMITER)) {
            return FolderChange.NOT_ALLOWED;
        }
        if (Folders.byName(em, account, to) != null) {
            return FolderChange.EXISTS;
        }
        createSuperiors(mailbox, account, to);
        if (from.equals(Folder.INBOX)) {
            moveInboxTo(mailbox, folder, to);
            return FolderChange.DONE;
        }
        List<Folder> moving = new ArrayList<>(children(account, from));
        moving.add(folder);
        for (Folder f : moving) {
            f.rename(to + f.getName().substring(from.length()));
        }
        return FolderChange.DONE;
    }

    public void subscribe(String account, String name, boolean subscribed) {
        Mailbox mailbox = lockedMailbox(account);
        if (mailbox != null) {
            subscribe(mailbox.getId(), name, subscribed);
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> subscriptions(String account) {
        return em.createNativeQuery("SELECT s.NAME FROM MAILBOX b JOIN MAIL_SUBSCRIPTION s ON s.MAILBOX_ID = b.ID "
                + "WHERE b.ADDRESS = ? ORDER BY s.NAME").setParameter(1, account).getResultList();
    }

    private void subscribe(long mailboxId, String name, boolean subscribed) {
        em.createNativeQuery("DELETE FROM MAIL_SUBSCRIPTION WHERE MAILBOX_ID = ? AND NAME = ?")
                .setParameter(1, mailboxId).setParameter(2, name).executeUpdate();
        if (subscribed) {
            em.createNativeQuery("INSERT INTO MAIL_SUBSCRIPTION (MAILBOX_ID, NAME) VALUES (?, ?)")
                    .setParameter(1, mailboxId).setParameter(2, name).executeUpdate();
        }
    }

    /**
     * RENAME INBOX (RFC 3501 6.3.5): a new folder takes INBOX's messages under their UIDs, and
     * INBOX stays, empty, with its UIDNEXT, so its UIDs keep ascending.
     */
    private void moveInboxTo(Mailbox mailbox, Folder inbox, String to) {
        Folder target = new Folder(mailbox, to, newUidValidity(mailbox));
        em.persist(target);
        em.flush();
        long modseq = FolderLocks.change(em, inbox.getId());
        // INBOX's messages keep their MODSEQs in the new folder, so it starts at INBOX's highest.
        em.createNativeQuery("UPDATE MAIL_FOLDER SET UID_NEXT = (SELECT UID_NEXT FROM MAIL_FOLDER WHERE ID = ?), "
                        + "MESSAGE_COUNT = (SELECT MESSAGE_COUNT FROM MAIL_FOLDER WHERE ID = ?), "
                        + "TOTAL_BYTES = (SELECT TOTAL_BYTES FROM MAIL_FOLDER WHERE ID = ?), HIGHEST_MODSEQ = ? WHERE ID = ?")
                .setParameter(1, inbox.getId()).setParameter(2, inbox.getId()).setParameter(3, inbox.getId())
                .setParameter(4, modseq).setParameter(5, target.getId()).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Number> moved = em.createNativeQuery("SELECT UID FROM MAIL_MESSAGE WHERE FOLDER_ID = ?")
                .setParameter(1, inbox.getId()).getResultList();
        try {
            FolderLocks.expunged(em.unwrap(Connection.class), inbox.getId(),
                    moved.stream().map(Number::longValue).sorted().toList(), modseq);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
        em.createNativeQuery("UPDATE MAIL_MESSAGE SET FOLDER_ID = ? WHERE FOLDER_ID = ?")
                .setParameter(1, target.getId()).setParameter(2, inbox.getId()).executeUpdate();
        em.createNativeQuery("UPDATE MAIL_FOLDER SET MESSAGE_COUNT = 0, TOTAL_BYTES = 0 WHERE ID = ?")
                .setParameter(1, inbox.getId()).executeUpdate();
    }

    private void createSuperiors(Mailbox mailbox, String account, String name) {
        int cut = name.lastIndexOf(DELIMITER);
        if (cut > 0 && Folders.byName(em, account, name.substring(0, cut)) == null) {
            create(account, name.substring(0, cut));
        }
    }

    /**
     * A UIDVALIDITY no folder of this mailbox has had (RFC 3501 2.3.1.1): a name deleted and
     * created again, or renamed onto, must not look like the folder it had before. The seconds
     * of the clock, but always above the last one given; call with the mailbox row locked.
     */
    private long newUidValidity(Mailbox mailbox) {
        Number last = (Number) em.createNativeQuery("SELECT LAST_UID_VALIDITY FROM MAILBOX WHERE ID = ?")
                .setParameter(1, mailbox.getId()).getSingleResult();
        long validity = Math.max(System.currentTimeMillis() / 1000, last.longValue() + 1);
        em.createNativeQuery("UPDATE MAILBOX SET LAST_UID_VALIDITY = ? WHERE ID = ?").setParameter(1, validity)
                .setParameter(2, mailbox.getId()).executeUpdate();
        return validity;
    }

    private List<Folder> children(String account, String name) {
        String prefix = name + DELIMITER;
        return em.createNamedQuery(Folder.OF_MAILBOX, Folder.class).setParameter(1, account).getResultList().stream()
                .filter(f -> f.getName().startsWith(prefix)).toList();
    }

    /** The mailbox, its row locked for the rest of the transaction; null if there is none. */
    private Mailbox lockedMailbox(String account) {
        int locked = em.createNativeQuery("UPDATE MAILBOX SET ADDRESS = ADDRESS WHERE ADDRESS = ?")
                .setParameter(1, account).executeUpdate();
        if (locked == 0) {
            return null;
        }
        return em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class).setParameter("address", account)
                .getResultStream().findFirst().orElse(null);
    }
}
