package org.libertymail.adapter.protocol;

/**
 * The store cannot be reached now (no endpoint is active, or its database is down); the client
 * should retry later. The message is shown to the client.
 */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
