package org.libertymail.ejb.service;

/** Validation of quota limits given by an administrator. */
final class Quotas {
    private Quotas() {
    }

    static void check(Long bytes, Long messages) {
        if (bytes != null && bytes < 0) {
            throw ServiceException.invalid("quotaBytes", "Quota limits must not be negative (null: no limit)");
        }
        if (messages != null && messages < 0) {
            throw ServiceException.invalid("quotaMessages", "Quota limits must not be negative (null: no limit)");
        }
    }
}
