package org.libertymail.adapter.api;

/**
 * Inbound contract for SMTP: implemented by a message-driven bean, called by the adapter.
 * Implementations commit before returning.
 */
public interface MailDeliveryListener {

    /** Checks a submission client's credentials (SMTP AUTH) and whether the mailbox may submit. */
    LoginResult authenticate(String user, String password, Protocol protocol);

    /**
     * Judges one RCPT TO address (already stripped of angle brackets); an accepted one comes with
     * the room its mailbox has left.
     *
     * @param declaredSize the MAIL FROM SIZE parameter, or -1 when the client gave none
     */
    RecipientCheck checkRecipient(String address, long declaredSize);

    /**
     * Stores {@code content} in the INBOX of each local recipient and queues it for the remote
     * ones, and returns only after that is committed; all share one stored body. Recipients must
     * have been accepted by {@link #checkRecipient} (remote ones: judged {@link RecipientVerdict#REMOTE}
     * and the client allowed to relay). When a local recipient has no room, nothing is stored.
     */
    DeliveryReceipt deliver(Envelope envelope, MessageContent content);
}
