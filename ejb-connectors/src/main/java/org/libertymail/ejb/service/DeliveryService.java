package org.libertymail.ejb.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.RecipientCheck;
import org.libertymail.adapter.api.RecipientVerdict;
import org.libertymail.ejb.service.DeliveryWriter.Target;

/** Local delivery: which recipients are ours, and storing a message for each of them. */
@Stateless
public class DeliveryService {
    @PersistenceContext(unitName = "mailserver")
    EntityManager em;

    @EJB
    DomainService domains;

    @EJB
    SendConnectorService sendConnectors;

    @Inject
    OutboundSettings outbound;

    /** An accepted recipient comes with its mailbox's room left, which the adapter keeps a few seconds. */
    public RecipientCheck checkRecipient(String address, long declaredSize) {
        String normalized = Addresses.address(address);
        try {
            DeliveryWriter writer = new DeliveryWriter(em.unwrap(Connection.class));
            List<Target> targets = normalized == null ? List.of() : writer.targets(List.of(normalized));
            if (!targets.isEmpty()) {
                Target t = targets.get(0);
                if (!t.limited()) {
                    return RecipientCheck.accepted(RecipientCheck.UNLIMITED, RecipientCheck.UNLIMITED);
                }
                // Full already (one more message would not fit), or too full for the size announced.
                long[] used = writer.mailboxUsage(t.folderId());
                return t.exceededBy(used, Math.max(declaredSize, 1)) ? RecipientCheck.refused(RecipientVerdict.OVER_QUOTA)
                        : RecipientCheck.accepted(room(t.quotaMessages(), used[0]), room(t.quotaBytes(), used[1]));
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
        // No such mailbox: an unknown user if the domain is ours (even for an address that is
        // not a plain dot-string), else a relay attempt.
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? null : Addresses.domain(address.substring(at + 1));
        if (domain != null && domains.find(domain) != null) {
            return RecipientCheck.refused(RecipientVerdict.UNKNOWN_MAILBOX);
        }
        // Another domain: the SMTP session decides whether its client may send there.
        return domain != null && sendConnectors.routes(domain) ? RecipientCheck.remote()
                : RecipientCheck.refused(RecipientVerdict.RELAY_DENIED);
    }

    private static long room(Long quota, long used) {
        return quota == null ? RecipientCheck.UNLIMITED : Math.max(0, quota - used);
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
        try {
            return deliverAll(new DeliveryWriter(em.unwrap(Connection.class)), requests);
        } catch (SQLException e) {
            throw new PersistenceException(e); // rolls back; StoreCalls retries a serialization failure
        }
    }

    private List<DeliveryReceipt> deliverAll(DeliveryWriter writer, List<DeliveryRequest> requests) throws SQLException {
        OutboundRows queue = new OutboundRows(writer.connection());
        long now = System.currentTimeMillis();
        List<String> all = requests.stream().flatMap(r -> r.recipients().stream()).map(DeliveryService::address)
                .distinct().toList();
        Map<String, Target> byAddress = new HashMap<>();
        writer.targets(all).forEach(t -> byAddress.put(t.address(), t));
        if (byAddress.size() != all.size()) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "A recipient's mailbox is gone: " + all);
        }
        Map<Long, Long> uidNext = writer.lockFolders(byAddress.values().stream().map(Target::folderId).distinct().sorted().toList());
        Map<Long, long[]> usage = new HashMap<>(); // of quota-limited mailboxes, by INBOX: {messages, bytes}

        List<DeliveryReceipt> receipts = new ArrayList<>(requests.size());
        List<List<Target>> stored = new ArrayList<>();
        List<MessageContent> contents = new ArrayList<>();
        for (DeliveryRequest request : requests) {
            // One copy per INBOX, however many of its addresses (its own, aliases) were named.
            List<Target> targets = List.copyOf(request.recipients().stream().map(r -> byAddress.get(address(r)))
                    .collect(Collectors.toMap(Target::folderId, t -> t, (first, again) -> first, TreeMap::new)).values());
            long size = request.content().size();
            Target full = null;
            for (Target t : targets) {
                if (t.limited() && full == null) {
                    long[] used = usage.get(t.folderId());
                    if (used == null) {
                        used = writer.mailboxUsage(t.folderId());
                        usage.put(t.folderId(), used);
                    }
                    if (t.exceededBy(used, size)) {
                        full = t;
                    }
                }
            }
            if (full != null) {
                receipts.add(DeliveryReceipt.overQuota(full.address()));
                continue;
            }
            for (Target t : targets) {
                long[] used = usage.get(t.folderId());
                if (used != null) {
                    used[0]++;
                    used[1] += size;
                }
            }
            receipts.add(null); // filled in below, once the rows have their ids
            stored.add(targets);
            contents.add(request.content());
        }
        List<DeliveryRequest> storedRequests = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (receipts.get(i) == null) {
                storedRequests.add(requests.get(i));
            }
        }
        List<Integer> references = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) { // the queue entry is one more user of the body
            references.add(stored.get(i).size() + (storedRequests.get(i).queued() ? 1 : 0));
        }
        long[] bodyIds = writer.storeBodies(contents, references, now);
        List<DeliveryWriter.MessageRow> rows = new ArrayList<>();
        List<DeliveryReceipt> storedReceipts = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            StringBuilder ids = new StringBuilder();
            for (Target t : stored.get(i)) {
                long uid = uidNext.merge(t.folderId(), 1L, Long::sum) - 1;
                rows.add(new DeliveryWriter.MessageRow(t.folderId(), uid, bodyIds[i], contents.get(i).size(), now));
                ids.append(ids.length() == 0 ? "" : ",").append(t.folderId()).append(':').append(uid);
            }
            DeliveryRequest request = storedRequests.get(i);
            if (request.queued()) {
                List<EnvelopeRecipient> remote = request.remote();
                long queueId = queue.enqueue(bodyIds[i], request.envelope(), remote, remote.stream().map(r -> false).toList(),
                        request.successReports(), contents.get(i).size(), false, now, now + outbound.expiryMillis());
                ids.append(ids.length() == 0 ? "" : ",").append('q').append(queueId);
            }
            storedReceipts.add(DeliveryReceipt.stored(ids.toString(), stored.get(i).size(),
                    stored.get(i).stream().map(Target::account).toList()));
        }
        writer.storeMessages(rows);
        Iterator<DeliveryReceipt> next = storedReceipts.iterator();
        receipts.replaceAll(r -> r == null ? next.next() : r);
        return receipts;
    }

    private static String address(String recipient) {
        String a = Addresses.address(recipient);
        if (a == null) {
            throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "No INBOX for " + recipient);
        }
        return a;
    }
}
