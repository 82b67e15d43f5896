package org.libertymail.adapter.protocol.abuse;

/**
 * The limits against floods and password guessing; every one configurable (server.xml
 * variables, README "Abuse limits").
 *
 * @param maxConnections open connections per protocol listener (all its bindings)
 * @param maxConnectionsPerIp open connections per protocol listener from one source address
 * @param maxAuthFailuresPerAccount failures of one account (from anywhere) before it is locked
 * @param maxAuthFailuresPerIp failures from one source address (any accounts) before it is locked
 * @param lockoutSeconds how long a lockout lasts; also how long failures are remembered
 * @param tarpitMillis delay added to a failure's reply per failure so far (grows linearly)
 * @param maxTarpitMillis the longest delay
 */
public record AbuseSettings(int maxConnections, int maxConnectionsPerIp, int maxAuthFailuresPerAccount,
        int maxAuthFailuresPerIp, long lockoutSeconds, long tarpitMillis, long maxTarpitMillis) {

    public AbuseSettings {
        if (maxConnections < 1 || maxConnectionsPerIp < 1 || maxAuthFailuresPerAccount < 1 || maxAuthFailuresPerIp < 1
                || lockoutSeconds < 0 || tarpitMillis < 0 || maxTarpitMillis < 0) {
            throw new IllegalArgumentException("Abuse limits must be positive: " + this);
        }
    }

    public static AbuseSettings defaults() {
        return new AbuseSettings(5000, 100, 10, 30, 900, 500, 5000);
    }
}
