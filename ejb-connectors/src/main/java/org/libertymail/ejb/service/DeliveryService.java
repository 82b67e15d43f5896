package org.libertymail.ejb.service;

import java.util.List;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.RecipientVerdict;
import org.libertymail.ejb.store.Folder;

/** Local delivery: which recipients are ours, and storing a message for each of them. */
@Stateless
public class DeliveryService {
    @EJB
    DomainService domains;

    @EJB
    MailboxService mailboxes;

    @EJB
    MessageStore store;

    public RecipientVerdict checkRecipient(String address) {
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
        return mailboxes.find(normalized) != null ? RecipientVerdict.ACCEPTED : RecipientVerdict.UNKNOWN_MAILBOX;
    }

    /**
     * Stores one copy per recipient in one transaction: either every recipient has the message
     * or, on failure, none has and SMTP answers 4xx so the sender retries.
     */
    public DeliveryReceipt deliver(String reversePath, List<String> recipients, byte[] content) {
        long now = System.currentTimeMillis();
        StringBuilder ids = new StringBuilder();
        for (String recipient : recipients) {
            String account = Addresses.address(recipient);
            Folder inbox = account == null ? null : store.lockedFolder(account, Folder.INBOX);
            if (inbox == null) {
                throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "No INBOX for " + recipient);
            }
            long uid = store.append(inbox, content, now);
            ids.append(ids.length() == 0 ? "" : ",").append(inbox.getId()).append(':').append(uid);
        }
        return new DeliveryReceipt(ids.toString(), recipients.size());
    }
}
