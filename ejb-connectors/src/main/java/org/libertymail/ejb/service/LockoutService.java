package org.libertymail.ejb.service;

import java.util.List;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.Lockout;
import org.libertymail.adapter.api.MailServerConnection;
import org.libertymail.adapter.api.MailServerConnectionFactory;

/** The adapter's login lockouts (too many authentication failures), for administrators. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LockoutService {
    @Resource(lookup = "eis/mailserver")
    MailServerConnectionFactory adapter;

    public List<Lockout> lockouts() {
        try (MailServerConnection connection = adapter.getConnection()) {
            return connection.lockouts();
        }
    }

    /** Lifts a lockout; 404 when there is none. */
    public void unlock(String kind, String key) {
        if (!kind.equals("account") && !kind.equals("ip")) {
            throw ServiceException.invalid("kind", "kind must be 'account' or 'ip', not '" + kind + "'");
        }
        try (MailServerConnection connection = adapter.getConnection()) {
            if (!connection.unlock(kind, key)) {
                throw ServiceException.notFound("No lockout of " + kind + " " + key);
            }
        }
    }
}
