package org.libertymail.adapter.api;

/**
 * One RCPT TO of an SMTP transaction.
 *
 * @param remote true for an address of another domain, sent on through the outbound queue
 * @param notifyOn the NOTIFY parameter in upper case ("NEVER", or SUCCESS, FAILURE and DELAY joined
 *        by commas), or null when the client gave none (failures and delays are then reported)
 * @param orcpt the ORCPT parameter as given ("rfc822;" and the xtext-encoded address), or null
 */
public record EnvelopeRecipient(String address, boolean remote, String notifyOn, String orcpt) {
    public static EnvelopeRecipient local(String address) {
        return new EnvelopeRecipient(address, false, null, null);
    }

    /** Whether a report of {@code kind} ("SUCCESS", "FAILURE", "DELAY") is wanted for this recipient. */
    public boolean wants(String kind) {
        if (notifyOn == null) {
            return !kind.equals("SUCCESS"); // RFC 3461 4.1: the default is FAILURE,DELAY
        }
        for (String k : notifyOn.split(",")) {
            if (k.strip().equals(kind)) {
                return true;
            }
        }
        return false;
    }
}
