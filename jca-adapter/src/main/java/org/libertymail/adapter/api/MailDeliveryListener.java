package org.libertymail.adapter.api;

import java.util.List;

/**
 * Inbound contract for SMTP: implemented by a message-driven bean, called by the adapter.
 * Implementations commit before returning.
 */
public interface MailDeliveryListener {

    /** Judges one RCPT TO address (already stripped of angle brackets). */
    RecipientVerdict checkRecipient(String address);

    /**
     * Stores one copy of {@code content} in the INBOX of each recipient and returns only after
     * that is committed. Recipients must have been accepted by {@link #checkRecipient}.
     *
     * @param reversePath the MAIL FROM address, empty for the null reverse-path
     */
    DeliveryReceipt deliver(String reversePath, List<String> recipients, byte[] content);
}
