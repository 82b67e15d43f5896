package org.libertymail.ejb.service;

/** Validation of quota limits given by an administrator. */
final class Quotas {
    private Quotas() {
    }

    static void check(Long bytes, Long messages) {
        if (bytes != null && bytes < 0 || messages != null && messages < 0) {
            throw ServiceException.invalid("Quota limits must not be negative (null: no limit)");
        }
    }
}
