package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.RecipientVerdict;
import org.libertymail.ejb.store.Folder;
import org.libertymail.ejb.store.StoredMessage;

/** Local delivery: which recipients are ours, and storing a message for each of them. */
@Stateless
public class DeliveryService {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    DomainService domains;

    @EJB
    BodyStore bodies;

    /** A recipient's INBOX and the quota that applies to the recipient (nulls: unlimited). */
    private record Target(long folderId, String address, Long quotaBytes, Long quotaMessages) {
        boolean exceededBy(long[] usage) {
            return quotaMessages != null && usage[0] > quotaMessages || quotaBytes != null && usage[1] > quotaBytes;
        }
    }

    public RecipientVerdict checkRecipient(String address, long declaredSize) {
        String normalized = Addresses.address(address);
        if (normalized == null) {
            // Not a plain dot-string address: it can only be ours if its domain is.
            int at = address.lastIndexOf('@');
            String domain = at < 0 ? null : Addresses.domain(address.substring(at + 1));
            return domain != null && domains.find(domain) != null ? RecipientVerdict.UNKNOWN_MAILBOX
                    : RecipientVerdict.RELAY_DENIED;
        }
        if (domains.find(Addresses.domainOf(normalized)) == null) {
            return RecipientVerdict.RELAY_DENIED;
        }
        List<Target> targets = targets(List.of(normalized));
        if (targets.isEmpty()) {
            return RecipientVerdict.UNKNOWN_MAILBOX;
        }
        Target t = targets.get(0);
        long[] usage = FolderLocks.mailboxUsage(em, t.folderId());
        // Full already (one more message would not fit), or too full for the size announced.
        long[] after = {usage[0] + 1, usage[1] + Math.max(declaredSize, 1)};
        return t.exceededBy(after) ? RecipientVerdict.OVER_QUOTA : RecipientVerdict.ACCEPTED;
    }

    /**
     * Stores the message once and a message row per recipient, in one transaction: either
     * every recipient has it or none has. The recipients' INBOX rows are locked in ascending id
     * order by the UPDATE that takes each UID, so concurrent deliveries to overlapping
     * recipients queue instead of deadlocking. A recipient without room rolls everything back.
     */
    public DeliveryReceipt deliver(String reversePath, List<String> recipients, MessageContent content) {
        long now = System.currentTimeMillis();
        List<String> addresses = new ArrayList<>();
        for (String recipient : recipients) {
            String a = Addresses.address(recipient);
            if (a == null) {
                throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "No INBOX for " + recipient);
            }
            addresses.add(a);
        }
        List<Target> targets = targets(addresses);
        if (targets.size() != addresses.stream().distinct().count()) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "A recipient's mailbox is gone: " + addresses);
        }
        long size = content.size();
        Map<Target, Long> uids = new LinkedHashMap<>();
        for (Target t : targets) {
            uids.put(t, FolderLocks.takeUid(em, t.folderId(), size));
            if (t.exceededBy(FolderLocks.mailboxUsage(em, t.folderId()))) {
                context.setRollbackOnly();
                return DeliveryReceipt.overQuota(t.address());
            }
        }
        long bodyId = bodies.store(content, targets.size(), now);
        StringBuilder ids = new StringBuilder();
        uids.forEach((t, uid) -> {
            em.persist(new StoredMessage(t.folderId(), uid, bodyId, now, size));
            ids.append(ids.length() == 0 ? "" : ",").append(t.folderId()).append(':').append(uid);
        });
        return DeliveryReceipt.stored(ids.toString(), targets.size());
    }

    /** The INBOXes of {@code addresses} that exist, in ascending folder id: the lock order. */
    private List<Target> targets(List<String> addresses) {
        List<Target> targets = new ArrayList<>();
        for (Object[] row : em.createNamedQuery(Folder.DELIVERY_TARGETS, Object[].class)
                .setParameter("addresses", addresses.stream().distinct().toList())
                .setParameter("name", Folder.INBOX).getResultList()) {
            targets.add(new Target(((Number) row[0]).longValue(), (String) row[1], (Long) row[2], (Long) row[3]));
        }
        targets.sort(Comparator.comparingLong(Target::folderId));
        return targets;
    }
}
