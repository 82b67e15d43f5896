package org.libertymail.adapter.imap;

import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.protocol.SessionContext;

/** What command processors share: the connection state, the account, the selected folder. */
public final class ImapSessionState {
    private final SessionContext context;
    private final MailboxAccessListener store;
    private final ImapResponder responder;
    private ImapState state = ImapState.NOT_AUTHENTICATED;
    private String account;
    private SelectedFolder selected;

    public ImapSessionState(SessionContext context, MailboxAccessListener store, ImapResponder responder) {
        this.context = context;
        this.store = store;
        this.responder = responder;
    }

    public SessionContext context() {
        return context;
    }

    public MailboxAccessListener store() {
        return store;
    }

    public ImapResponder responder() {
        return responder;
    }

    public ImapState state() {
        return state;
    }

    public String account() {
        return account;
    }

    public SelectedFolder selected() {
        return selected;
    }

    public void authenticated(String canonicalAccount) {
        account = canonicalAccount;
        state = ImapState.AUTHENTICATED;
    }

    public void select(SelectedFolder folder) {
        selected = folder;
        state = ImapState.SELECTED;
    }

    public void deselect() {
        selected = null;
        state = ImapState.AUTHENTICATED;
    }

    public void logout() {
        selected = null;
        state = ImapState.LOGOUT;
    }

    /** The CAPABILITY list, which depends on whether LOGIN may be used here. */
    public String capabilities() {
        StringBuilder caps = new StringBuilder("IMAP4rev1 LITERAL+ UNSELECT");
        if (state == ImapState.NOT_AUTHENTICATED && !context.plaintextAuthAllowed()) {
            caps.append(" LOGINDISABLED");
        }
        return caps.toString();
    }
}
