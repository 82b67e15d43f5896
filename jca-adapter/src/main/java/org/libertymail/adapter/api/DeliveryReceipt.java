package org.libertymail.adapter.api;

/**
 * Proof that a message is durably stored: returned only after the transaction that stored a
 * copy for every recipient has committed.
 *
 * @param messageId the store's identifier of this delivery, quoted in the SMTP reply
 * @param copies how many mailbox copies were stored
 */
public record DeliveryReceipt(String messageId, int copies) {
}
