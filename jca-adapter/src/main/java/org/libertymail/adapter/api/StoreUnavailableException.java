package org.libertymail.adapter.api;

/**
 * The mail store's database cannot be reached. Thrown by listener implementations so the
 * protocols answer "try again later" (SMTP 451, IMAP NO [UNAVAILABLE], POP3 -ERR [SYS/TEMP])
 * rather than report an internal error; it may arrive wrapped by the container.
 */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }
}
