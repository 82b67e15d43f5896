package org.libertymail.ejb.service;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.libertymail.adapter.api.StoreUnavailableException;

/**
 * Runs a store transaction for a protocol listener. One the database rolled back for a
 * serialization failure or a deadlock (SQLSTATE class 40) is retried: the lock order makes
 * those rare, and when one happens anyway the work is simply done again, a bounded number of
 * times, before the caller answers "try later". A database that cannot be reached (class 08,
 * or PostgreSQL shutting down, 57P) becomes {@link StoreUnavailableException}, which the
 * protocols answer with "try again later" instead of an internal error.
 */
public final class StoreCalls {
    static final int ATTEMPTS = 4;

    private StoreCalls() {
    }

    /** @param transaction a call of a REQUIRED service method from outside any transaction */
    public static <T> T run(Supplier<T> transaction) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (hasSqlState(e, "08", "57P")) {
                    throw new StoreUnavailableException("Mail store unavailable");
                }
                if (attempt >= ATTEMPTS || !hasSqlState(e, "40")) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** Whether an SQLException in the cause chain has a state starting with one of {@code prefixes}. */
    static boolean hasSqlState(Throwable e, String... prefixes) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    for (String prefix : prefixes) {
                        if (s.getSQLState() != null && s.getSQLState().startsWith(prefix)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
