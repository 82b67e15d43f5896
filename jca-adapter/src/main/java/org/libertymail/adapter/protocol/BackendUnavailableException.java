package org.libertymail.adapter.protocol;

/** The store cannot be reached now (no endpoint is active); the client should retry later. */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
