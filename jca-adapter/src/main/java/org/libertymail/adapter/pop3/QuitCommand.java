package org.libertymail.adapter.pop3;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * QUIT (RFC 1939 6): before login it only ends the session; after it, the UPDATE state removes
 * the messages DELE marked, then the maildrop is let go.
 */
final class QuitCommand implements Pop3Command {
    private static final Logger LOG = Logger.getLogger(QuitCommand.class.getName());
    static final String SIGNING_OFF = "+OK LibertyMail POP3 server signing off";

    @Override
    public void handle(String argument, Pop3SessionState session) {
        Maildrop maildrop = session.maildrop;
        List<Long> uids = maildrop == null ? List.of() : maildrop.deletedUids();
        if (uids.isEmpty()) {
            session.quit(SIGNING_OFF);
            return;
        }
        try {
            List<Long> removed = session.store.delete(maildrop.account, Maildrop.INBOX, uids);
            session.out.mailboxChanged(maildrop.account);
            session.quit(SIGNING_OFF + " (" + removed.size() + " messages deleted)");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "POP3 update failed", e);
            session.quit("-ERR [SYS/TEMP] Some deleted messages not removed");
        }
    }
}
