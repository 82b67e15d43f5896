package org.libertymail.adapter.api;

import java.util.List;

/**
 * What the store did with a message. {@link Outcome#STORED} is returned only after the
 * transaction that stored a copy for every recipient has committed; any other outcome stored
 * nothing.
 *
 * @param outcome whether the message was stored
 * @param messageId the store's identifier of this delivery, quoted in the SMTP reply
 * @param copies how many mailbox copies were stored
 * @param detail for a refusal, the recipient it concerns
 * @param accounts the mailboxes that got a copy (an alias's mail goes to its mailbox)
 */
public record DeliveryReceipt(Outcome outcome, String messageId, int copies, String detail, List<String> accounts) {
    public DeliveryReceipt {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public enum Outcome {
        STORED,
        /** A recipient's mailbox has no room for this message (SMTP 552 5.2.2). */
        OVER_QUOTA
    }

    public static DeliveryReceipt stored(String messageId, int copies, List<String> accounts) {
        return new DeliveryReceipt(Outcome.STORED, messageId, copies, null, accounts);
    }

    public static DeliveryReceipt overQuota(String recipient) {
        return new DeliveryReceipt(Outcome.OVER_QUOTA, null, 0, recipient, List.of());
    }
}
