package org.libertymail.ejb.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.ejb.store.Folder;
import org.libertymail.ejb.store.MessageBody;
import org.libertymail.ejb.store.StoredMessage;

/**
 * Folders and messages as POP3 and IMAP see them. Every method is one transaction; batches of
 * UIDs are split so that no SQL IN list grows without bound.
 */
@Stateless
public class MessageStore {
    static final int IN_LIST_CHUNK = 500;

    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    public List<FolderInfo> listFolders(String account) {
        return em.createNamedQuery(Folder.OF_MAILBOX, Folder.class).setParameter("address", account)
                .getResultList().stream().map(f -> new FolderInfo(f.getName())).toList();
    }

    public FolderSnapshot openFolder(String account, String name, boolean claimRecent) {
        Folder folder = folder(account, name, claimRecent);
        if (folder == null) {
            return null;
        }
        long firstRecent = folder.getFirstRecentUid();
        if (claimRecent) {
            folder.claimRecent();
        }
        List<MessageSummary> summaries = em.createNamedQuery(StoredMessage.SUMMARIES, StoredMessage.class)
                .setParameter("folder", folder).getResultList().stream().map(MessageStore::summary).toList();
        return new FolderSnapshot(folder.getName(), folder.getUidValidity(), folder.getUidNext(), firstRecent, summaries);
    }

    public List<MessageData> fetch(String account, String name, Collection<Long> uids, boolean withContent) {
        Folder folder = folder(account, name, false);
        List<MessageData> result = new ArrayList<>();
        if (folder == null) {
            return result;
        }
        for (List<Long> chunk : chunks(uids)) {
            if (withContent) {
                for (Object[] row : em.createNamedQuery(StoredMessage.CONTENT, Object[].class)
                        .setParameter("folder", folder).setParameter("uids", chunk).getResultList()) {
                    StoredMessage m = (StoredMessage) row[0];
                    result.add(new MessageData(m.getUid(), m.getFlags(), m.getSize(),
                            Instant.ofEpochMilli(m.getInternalDate()), (byte[]) row[1]));
                }
            } else {
                for (StoredMessage m : byUids(folder, chunk)) {
                    result.add(new MessageData(m.getUid(), m.getFlags(), m.getSize(),
                            Instant.ofEpochMilli(m.getInternalDate()), null));
                }
            }
        }
        return result;
    }

    public List<MessageSummary> storeFlags(String account, String name, Collection<Long> uids, FlagOperation operation,
            Set<String> flags) {
        Folder folder = folder(account, name, false);
        List<MessageSummary> result = new ArrayList<>();
        if (folder == null) {
            return result;
        }
        for (List<Long> chunk : chunks(uids)) {
            for (StoredMessage m : byUids(folder, chunk)) {
                Set<String> updated = switch (operation) {
                    case REPLACE -> new LinkedHashSet<>(flags);
                    case ADD -> {
                        Set<String> s = new LinkedHashSet<>(m.getFlags());
                        s.addAll(flags);
                        yield s;
                    }
                    case REMOVE -> {
                        Set<String> s = new LinkedHashSet<>(m.getFlags());
                        s.removeAll(flags);
                        yield s;
                    }
                };
                m.setFlags(updated);
                result.add(summary(m));
            }
        }
        return result;
    }

    public List<Long> expunge(String account, String name) {
        Folder folder = folder(account, name, false);
        if (folder == null) {
            return List.of();
        }
        return remove(folder, em.createNamedQuery(StoredMessage.DELETED, StoredMessage.class)
                .setParameter("folder", folder).getResultList());
    }

    public List<Long> delete(String account, String name, Collection<Long> uids) {
        Folder folder = folder(account, name, false);
        if (folder == null) {
            return List.of();
        }
        List<StoredMessage> doomed = new ArrayList<>();
        for (List<Long> chunk : chunks(uids)) {
            doomed.addAll(byUids(folder, chunk));
        }
        return remove(folder, doomed);
    }

    /**
     * Stores a message in a folder the caller has locked with {@link #lockedFolder}.
     *
     * @return the new message's UID
     */
    public long append(Folder folder, byte[] content, long internalDate) {
        MessageBody body = new MessageBody(content);
        em.persist(body);
        em.flush(); // assigns the body's identity
        long uid = folder.allocateUid();
        em.persist(new StoredMessage(folder, uid, body.getId(), internalDate, content.length));
        return uid;
    }

    /** Removes every message of a folder (mailbox deletion). */
    public void removeAll(Folder folder) {
        remove(folder, em.createNamedQuery(StoredMessage.SUMMARIES, StoredMessage.class)
                .setParameter("folder", folder).getResultList());
    }

    /** The folder with its row locked, so UIDs are handed out one delivery at a time. */
    public Folder lockedFolder(String account, String name) {
        return folder(account, name, true);
    }

    private List<Long> remove(Folder folder, List<StoredMessage> doomed) {
        List<Long> uids = new ArrayList<>(doomed.size());
        List<Long> bodies = new ArrayList<>(doomed.size());
        for (StoredMessage m : doomed) {
            uids.add(m.getUid());
            bodies.add(m.getBodyId());
            em.remove(m);
        }
        em.flush();
        for (List<Long> chunk : chunks(bodies)) {
            em.createQuery("DELETE FROM MessageBody b WHERE b.id IN :ids").setParameter("ids", chunk).executeUpdate();
        }
        uids.sort(null);
        return uids;
    }

    private Folder folder(String account, String name, boolean lock) {
        Folder folder = em.createNamedQuery(Folder.BY_NAME, Folder.class)
                .setParameter("address", account).setParameter("name", name)
                .getResultStream().findFirst().orElse(null);
        if (folder != null && lock) {
            // Derby refuses FOR UPDATE on a join, so the row is locked (and re-read) on its own.
            em.refresh(folder, LockModeType.PESSIMISTIC_WRITE);
        }
        return folder;
    }

    private List<StoredMessage> byUids(Folder folder, List<Long> uids) {
        return em.createNamedQuery(StoredMessage.BY_UIDS, StoredMessage.class)
                .setParameter("folder", folder).setParameter("uids", uids).getResultList();
    }

    private static List<List<Long>> chunks(Collection<Long> values) {
        List<Long> all = new ArrayList<>(values);
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST_CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + IN_LIST_CHUNK)));
        }
        return chunks;
    }

    private static MessageSummary summary(StoredMessage m) {
        return new MessageSummary(m.getUid(), m.getFlags(), m.getSize(), Instant.ofEpochMilli(m.getInternalDate()));
    }
}
