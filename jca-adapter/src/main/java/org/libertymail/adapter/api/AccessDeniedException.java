package org.libertymail.adapter.api;

/**
 * The account lacks the right a request needs (RFC 4314): IMAP answers NO [NOPERM]. Thrown by
 * listener implementations; it may arrive wrapped by the container.
 */
public class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
