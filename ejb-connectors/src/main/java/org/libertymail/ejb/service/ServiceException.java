package org.libertymail.ejb.service;

import jakarta.ejb.ApplicationException;

/**
 * A request the services refuse, with the reason a client can act on. Application exception:
 * it reaches the caller as itself and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal; the REST layer maps it to an HTTP status. */
    public enum Kind {
        INVALID, NOT_FOUND, CONFLICT, UNAVAILABLE
    }

    private final Kind kind;
    private final String field;

    public ServiceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ServiceException(Kind kind, String message, String field) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The request member at fault, or null. */
    public String field() {
        return field;
    }

    public static ServiceException invalidField(String field, String message) {
        return new ServiceException(Kind.INVALID, field + ": " + message, field);
    }

    public static ServiceException invalid(String message) {
        return new ServiceException(Kind.INVALID, message);
    }

    /** Invalid, naming the request member at fault, with the message as it is. */
    public static ServiceException invalid(String field, String message) {
        return new ServiceException(Kind.INVALID, message, field);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(Kind.NOT_FOUND, message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(Kind.CONFLICT, message);
    }
}
