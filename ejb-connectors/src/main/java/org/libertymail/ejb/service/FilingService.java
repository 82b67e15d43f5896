package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.Placement;
import org.libertymail.ejb.service.DeliveryWriter.MessageRow;
import org.libertymail.ejb.service.DeliveryWriter.Target;
import org.libertymail.ejb.store.Folder;
import org.libertymail.ejb.store.StoredMessage;

/**
 * Files messages into a folder the client names: IMAP APPEND, COPY and MOVE. Same locking as a
 * delivery (folder rows first, in ascending id order; body reference counts in ascending id
 * order), same quota: the mailbox's limits count every folder.
 */
@Stateless
public class FilingService {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    public Placement append(String account, String folderName, Set<String> flags, Instant internalDate,
            MessageContent content) {
        Folder folder = Folders.byName(em, account, folderName);
        if (folder == null) {
            return Placement.refused(Placement.Outcome.NONEXISTENT);
        }
        try {
            DeliveryWriter writer = new DeliveryWriter(em.unwrap(Connection.class));
            long uid = writer.lockFolders(List.of(folder.getId())).get(folder.getId());
            if (overQuota(writer, account, folder.getId(), 1, content.size())) {
                return Placement.refused(Placement.Outcome.OVER_QUOTA);
            }
            long bodyId = writer.storeBodies(List.of(content), List.of(1), System.currentTimeMillis())[0];
            writer.storeMessages(List.of(new MessageRow(folder.getId(), uid, bodyId, content.size(),
                    internalDate.toEpochMilli(), flags)));
            return new Placement(Placement.Outcome.DONE, folder.getUidValidity(), List.of(), List.of(uid));
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** Copies or moves messages from one account's folder to another's (a public folder's, mostly). */
    public Placement copy(String fromAccount, String fromName, Collection<Long> uids, String toAccount, String toName,
            boolean move) {
        Folder from = Folders.byName(em, fromAccount, fromName);
        Folder to = Folders.byName(em, toAccount, toName);
        if (from == null || to == null) {
            return Placement.refused(Placement.Outcome.NONEXISTENT);
        }
        try {
            Connection connection = em.unwrap(Connection.class);
            DeliveryWriter writer = new DeliveryWriter(connection);
            Map<Long, Long> uidNext = writer.lockFolders(List.of(from.getId(), to.getId()).stream().distinct().sorted().toList());
            List<StoredMessage> sources = new ArrayList<>();
            for (List<Long> chunk : Chunks.of(uids)) {
                sources.addAll(MessageRows.byUids(em, from.getId(), chunk));
            }
            sources.sort((a, b) -> Long.compare(a.getUid(), b.getUid()));
            long bytes = sources.stream().mapToLong(StoredMessage::getSize).sum();
            if ((!move || !fromAccount.equals(toAccount)) && overQuota(writer, toAccount, to.getId(), sources.size(), bytes)) {
                return Placement.refused(Placement.Outcome.OVER_QUOTA);
            }
            List<Long> sourceUids = new ArrayList<>();
            List<Long> newUids = new ArrayList<>();
            List<MessageRow> rows = new ArrayList<>();
            long next = uidNext.get(to.getId());
            for (StoredMessage m : sources) {
                sourceUids.add(m.getUid());
                newUids.add(next);
                rows.add(new MessageRow(to.getId(), next++, m.getBodyId(), m.getSize(), m.getInternalDate(), m.getFlags()));
            }
            if (!rows.isEmpty()) {
                if (move) {
                    // The rows go, the bodies stay: their reference counts do not change.
                    for (List<Long> chunk : Chunks.of(sourceUids)) {
                        em.createNamedQuery(StoredMessage.DELETE_UIDS).setParameter("folder", from.getId())
                                .setParameter("uids", chunk).executeUpdate();
                    }
                    FolderLocks.subtract(em, from.getId(), sources.size(), bytes);
                    FolderLocks.expunged(connection, from.getId(), sourceUids, writer.modseq(from.getId()));
                    em.flush();
                } else {
                    addReferences(connection, sources);
                }
                writer.storeMessages(rows);
            }
            return new Placement(Placement.Outcome.DONE, to.getUidValidity(), sourceUids, newUids);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** One more reference per copy, in ascending body id order (the lock order of bodies). */
    private static void addReferences(Connection connection, List<StoredMessage> copied) throws SQLException {
        TreeMap<Long, Integer> counts = new TreeMap<>();
        copied.forEach(m -> counts.merge(m.getBodyId(), 1, Integer::sum));
        try (PreparedStatement s = connection.prepareStatement("UPDATE MAIL_BODY SET REF_COUNT = REF_COUNT + ? WHERE ID = ?")) {
            for (Map.Entry<Long, Integer> e : counts.entrySet()) {
                s.setInt(1, e.getValue());
                s.setLong(2, e.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static boolean overQuota(DeliveryWriter writer, String account, long folderId, long messages, long bytes)
            throws SQLException {
        List<Target> targets = writer.targets(List.of(account));
        if (targets.isEmpty() || !targets.get(0).limited()) {
            return false;
        }
        return targets.get(0).exceededBy(writer.mailboxUsage(folderId), messages, bytes);
    }
}
