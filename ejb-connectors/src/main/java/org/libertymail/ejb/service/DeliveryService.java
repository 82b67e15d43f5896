package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.RecipientVerdict;
import org.libertymail.ejb.store.Folder;

/** Local delivery: which recipients are ours, and storing a message for each of them. */
@Stateless
public class DeliveryService {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @EJB
    DomainService domains;

    @Inject
    BodyStore bodies;

    /** A recipient's INBOX and the quota that applies to the recipient (nulls: unlimited). */
    private record Target(long folderId, String address, Long quotaBytes, Long quotaMessages) {
        /** Whether one more message of {@code size} bytes would take the mailbox past its quota. */
        boolean wouldExceed(EntityManager em, long size) {
            if (quotaBytes == null && quotaMessages == null) {
                return false; // no usage query for unlimited mailboxes
            }
            long[] usage = FolderLocks.mailboxUsage(em, folderId);
            return quotaMessages != null && usage[0] + 1 > quotaMessages || quotaBytes != null && usage[1] + size > quotaBytes;
        }
    }

    public RecipientVerdict checkRecipient(String address, long declaredSize) {
        String normalized = Addresses.address(address);
        List<Target> targets = normalized == null ? List.of() : targets(List.of(normalized));
        if (!targets.isEmpty()) {
            // Full already (one more message would not fit), or too full for the size announced.
            return targets.get(0).wouldExceed(em, Math.max(declaredSize, 1)) ? RecipientVerdict.OVER_QUOTA
                    : RecipientVerdict.ACCEPTED;
        }
        // No such mailbox: an unknown user if the domain is ours (even for an address that is
        // not a plain dot-string), else a relay attempt.
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? null : Addresses.domain(address.substring(at + 1));
        return domain != null && domains.find(domain) != null ? RecipientVerdict.UNKNOWN_MAILBOX
                : RecipientVerdict.RELAY_DENIED;
    }

    /**
     * Stores each request's message once and a message row per recipient, all in this one
     * transaction (one durable commit for the batch). Every INBOX the batch touches is locked
     * first, in ascending id order, so concurrent batches and IMAP/POP3 changes queue instead of
     * deadlocking. A request whose recipient has no room stores nothing and gets
     * {@link DeliveryReceipt.Outcome#OVER_QUOTA}; the others are unaffected.
     *
     * @return one receipt per request, in order
     */
    public List<DeliveryReceipt> deliverAll(List<DeliveryRequest> requests) {
        long now = System.currentTimeMillis();
        Map<String, Target> byAddress = new HashMap<>();
        List<String> all = requests.stream().flatMap(r -> r.recipients().stream()).map(DeliveryService::address)
                .distinct().toList();
        targets(all).forEach(t -> byAddress.put(t.address(), t));
        if (byAddress.size() != all.size()) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "A recipient's mailbox is gone: " + all);
        }
        byAddress.values().stream().map(Target::folderId).sorted().forEach(id -> FolderLocks.lock(em, id));

        List<DeliveryReceipt> receipts = new ArrayList<>(requests.size());
        for (DeliveryRequest request : requests) {
            List<Target> targets = request.recipients().stream().map(r -> byAddress.get(address(r))).distinct()
                    .sorted(Comparator.comparingLong(Target::folderId)).toList();
            long size = request.content().size();
            Target full = targets.stream().filter(t -> t.wouldExceed(em, size)).findFirst().orElse(null);
            if (full != null) {
                receipts.add(DeliveryReceipt.overQuota(full.address()));
                continue;
            }
            long bodyId = bodies.store(request.content(), targets.size(), now);
            StringBuilder ids = new StringBuilder();
            for (Target t : targets) {
                long uid = FolderLocks.takeUid(em, t.folderId(), size);
                em.createNativeQuery("INSERT INTO MAIL_MESSAGE (FOLDER_ID, UID, BODY_ID, INTERNAL_DATE, MESSAGE_SIZE) "
                        + "VALUES (?, ?, ?, ?, ?)").setParameter(1, t.folderId()).setParameter(2, uid)
                        .setParameter(3, bodyId).setParameter(4, now).setParameter(5, size).executeUpdate();
                ids.append(ids.length() == 0 ? "" : ",").append(t.folderId()).append(':').append(uid);
            }
            receipts.add(DeliveryReceipt.stored(ids.toString(), targets.size()));
        }
        return receipts;
    }

    private static String address(String recipient) {
        String a = Addresses.address(recipient);
        if (a == null) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "No INBOX for " + recipient);
        }
        return a;
    }

    /** The INBOXes of {@code addresses} that exist, in ascending folder id: the lock order. */
    private List<Target> targets(List<String> addresses) {
        List<String> distinct = addresses.stream().distinct().toList();
        // SQL rather than JPQL to fix the join order: one mailbox by its unique address, then its
        // INBOX by the (MAILBOX_ID, NAME) index; HSQLDB otherwise scans every folder.
        Query query = em.createNativeQuery("SELECT f.ID, b.ADDRESS, "
                + "COALESCE(b.QUOTA_BYTES, d.QUOTA_BYTES), COALESCE(b.QUOTA_MESSAGES, d.QUOTA_MESSAGES) "
                + "FROM MAILBOX b JOIN MAIL_FOLDER f ON f.MAILBOX_ID = b.ID AND f.NAME = ? "
                + "JOIN MAIL_DOMAIN d ON d.ID = b.DOMAIN_ID WHERE b.ADDRESS IN (" + Chunks.placeholders(distinct.size()) + ")")
                .setParameter(1, Folder.INBOX);
        for (int i = 0; i < distinct.size(); i++) {
            query.setParameter(i + 2, distinct.get(i));
        }
        List<Target> targets = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            targets.add(new Target(((Number) r[0]).longValue(), (String) r[1], longOrNull(r[2]), longOrNull(r[3])));
        }
        targets.sort(Comparator.comparingLong(Target::folderId));
        return targets;
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
