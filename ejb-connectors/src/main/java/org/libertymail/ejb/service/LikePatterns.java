package org.libertymail.ejb.service;

/** SQL LIKE patterns for searches typed by administrators, escaped with '!' (queries say ESCAPE '!'). */
final class LikePatterns {
    private LikePatterns() {
    }

    /** Matches any text holding {@code literal}, its % and _ taken as themselves. */
    static String containing(String literal) {
        return "%" + literal.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
