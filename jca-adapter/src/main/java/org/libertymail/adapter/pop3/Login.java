package org.libertymail.adapter.pop3;

import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.SessionEvent;
import org.libertymail.adapter.protocol.abuse.Authenticator;

/**
 * The end of every login (USER/PASS, APOP, AUTH): the answer for a refused one (RFC 3206 codes,
 * the tarpit), else the per-account checks and the maildrop opened: the TRANSACTION state.
 */
final class Login {
    private Login() {
    }

    static void attempt(Pop3SessionState session, Authenticator.Result result) {
        if (result.locked()) {
            session.error("-ERR [SYS/TEMP] Too many authentication failures, try again later");
            return;
        }
        if (result.disabled()) {
            // RFC 3206: [SYS/PERM] is a lasting refusal no retry will change
            session.error("-ERR [SYS/PERM] POP3 access to this mailbox is disabled; contact your administrator");
            return;
        }
        if (!result.succeeded()) {
            session.out.count(SessionEvent.AUTH_FAILURE);
            session.out.holdFor(result.tarpitMillis());
            session.error("-ERR [AUTH] Invalid user name or password");
            return;
        }
        String account = result.account();
        if (!session.out.authenticated(account)) {
            session.error("-ERR [IN-USE] Too many sessions for this account, try again later");
            return;
        }
        Endpoint.AccessOptions access = session.context.endpoint().custom().access();
        int delay = access.loginDelaySeconds();
        if (delay > 0 && !session.delays.mayLogIn(account, delay)) {
            session.error("-ERR [LOGIN-DELAY] Logged in less than " + delay + " seconds ago; try again later");
            return;
        }
        Maildrop maildrop;
        try {
            maildrop = Maildrop.open(session.store, account, session.holder, result.overrides().newestFirst(access.newestFirst()),
                    result.overrides().format(access.format()));
        } catch (Maildrop.NotOpened e) {
            if (e.clientError) {
                session.error(e.getMessage());
            } else {
                session.reply(e.getMessage());
            }
            return;
        }
        session.maildrop = maildrop;
        session.reply("+OK Maildrop has " + maildrop.size() + " messages (" + maildrop.totalSize() + " octets)");
    }
}
