package org.libertymail.adapter.protocol.abuse;

import java.util.function.BinaryOperator;

/**
 * How every protocol checks a password: through the store, behind the {@link AuthThrottle}.
 * The session writes the reply; a failure's reply is held back for {@link Result#tarpitMillis}.
 */
public final class Authenticator {
    /**
     * @param account the canonical account on success, else null
     * @param locked whether the login was refused for too many failures (credentials not checked)
     */
    public record Result(String account, boolean locked, long tarpitMillis) {
        public boolean succeeded() {
            return account != null;
        }
    }

    private final AuthThrottle throttle;
    private final BinaryOperator<String> check;

    /** @param check the store's check: (user, password) to canonical account or null */
    public Authenticator(AuthThrottle throttle, BinaryOperator<String> check) {
        this.throttle = throttle;
        this.check = check;
    }

    /** No throttling: for engine tests that are not about it. */
    public static Authenticator unthrottled(BinaryOperator<String> check) {
        return new Authenticator(new AuthThrottle(new AbuseSettings(1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0, 0)),
                check);
    }

    public Result authenticate(String user, String password, String source) {
        if (throttle.locked(user, source)) {
            return new Result(null, true, 0);
        }
        String account = check.apply(user, password);
        if (account == null) {
            return new Result(null, false, throttle.failed(user, source));
        }
        throttle.succeeded(user);
        return new Result(account, false, 0);
    }
}
