package org.libertymail.adapter.api;

/**
 * What the store did with a message. {@link Outcome#STORED} is returned only after the
 * transaction that stored a copy for every recipient has committed; any other outcome stored
 * nothing.
 *
 * @param outcome whether the message was stored
 * @param messageId the store's identifier of this delivery, quoted in the SMTP reply
 * @param copies how many mailbox copies were stored
 * @param detail for a refusal, the recipient it concerns
 */
public record DeliveryReceipt(Outcome outcome, String messageId, int copies, String detail) {

    public enum Outcome {
        STORED,
        /** A recipient's mailbox has no room for this message (SMTP 552 5.2.2). */
        OVER_QUOTA
    }

    public static DeliveryReceipt stored(String messageId, int copies) {
        return new DeliveryReceipt(Outcome.STORED, messageId, copies, null);
    }

    public static DeliveryReceipt overQuota(String recipient) {
        return new DeliveryReceipt(Outcome.OVER_QUOTA, null, 0, recipient);
    }
}
