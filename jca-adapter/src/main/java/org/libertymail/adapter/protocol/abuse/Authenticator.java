package org.libertymail.adapter.protocol.abuse;

import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.libertymail.adapter.api.LoginResult;
import org.libertymail.adapter.api.MailboxOverrides;

/**
 * How every protocol checks a password: through the store, behind the {@link AuthThrottle}.
 * The session writes the reply; a failure's reply is held back for {@link Result#tarpitMillis}.
 */
public final class Authenticator {
    /**
     * @param account the canonical account on success, else null
     * @param locked whether the login was refused for too many failures (credentials not checked)
     * @param refusal why the store refused, when it did (a disabled mailbox or protocol counts as
     *        no failure: the password was right)
     * @param overrides the mailbox's own settings, after a success
     */
    public record Result(String account, boolean locked, long tarpitMillis, LoginResult.Refusal refusal,
            MailboxOverrides overrides) {
        public boolean succeeded() {
            return account != null;
        }

        /** The password was right but the administrator disabled the mailbox or this protocol for it. */
        public boolean disabled() {
            return refusal == LoginResult.Refusal.MAILBOX_DISABLED || refusal == LoginResult.Refusal.PROTOCOL_DISABLED;
        }
    }

    private final AuthThrottle throttle;
    private final BiFunction<String, String, LoginResult> check;

    /** @param check the store's check of (user, password) for one protocol */
    public Authenticator(AuthThrottle throttle, BiFunction<String, String, LoginResult> check) {
        this.throttle = throttle;
        this.check = check;
    }

    /** No throttling: for engine tests that are not about it. */
    public static Authenticator unthrottled(BiFunction<String, String, LoginResult> check) {
        return new Authenticator(new AuthThrottle(new AbuseSettings(1, 1, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0, 0)),
                check);
    }

    public Result authenticate(String user, String password, String source) {
        return authenticate(user, source, () -> check.apply(user, password));
    }

    /** A login checked another way than by password (POP3's APOP), under the same throttle. */
    public Result authenticate(String user, String source, Supplier<LoginResult> login) {
        if (throttle.locked(user, source)) {
            return new Result(null, true, 0, null, null);
        }
        LoginResult result = login.get();
        if (result.succeeded()) {
            throttle.succeeded(user);
            return new Result(result.account(), false, 0, null, result.overrides());
        }
        if (result.refusal() != LoginResult.Refusal.CREDENTIALS) {
            return new Result(null, false, 0, result.refusal(), null);
        }
        return new Result(null, false, throttle.failed(user, source), result.refusal(), null);
    }
}
