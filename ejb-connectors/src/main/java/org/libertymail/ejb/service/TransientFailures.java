package org.libertymail.ejb.service;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries a store transaction the database rolled back for a serialization failure or a
 * deadlock (SQLSTATE class 40). The lock order makes those rare; when one happens anyway the
 * work is simply done again, a bounded number of times, before the caller answers "try later".
 */
public final class TransientFailures {
    static final int ATTEMPTS = 4;

    private TransientFailures() {
    }

    /** @param transaction a call of a REQUIRED service method from outside any transaction */
    public static <T> T retry(Supplier<T> transaction) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null && s.getSQLState().startsWith("40")) {
                        return true;
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
