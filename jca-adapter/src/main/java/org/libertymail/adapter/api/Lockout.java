package org.libertymail.adapter.api;

/**
 * A login lockout after repeated authentication failures.
 *
 * @param kind "account" (the user name as clients typed it, lower case) or "ip"
 * @param key the account or the source address
 * @param failures failures counted in the current window
 * @param lockedUntilMillis epoch millis when logins are accepted again
 */
public record Lockout(String kind, String key, int failures, long lockedUntilMillis) {
}
