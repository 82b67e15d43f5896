package org.libertymail.adapter.imap;

import java.util.Collection;
import java.util.List;

import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MailboxOverrides;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.api.ModifiedUtf7;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.FolderDeltas;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.sasl.SaslExchange;

/** What command processors share: the connection state, the account, the selected folder. */
public final class ImapSessionState {
    /** A SASL exchange waiting for the client's response line, with its command's tag. */
    public record PendingAuthentication(String tag, SaslExchange exchange) {
    }

    private SessionContext context;
    private PendingAuthentication pendingAuthentication;
    private MailboxAccessListener store;
    private final Authenticator authenticator;
    private final ImapResponder responder;
    private ImapState state = ImapState.NOT_AUTHENTICATED;
    private String idleTag;
    private boolean condstore;
    private boolean showHiddenFolders;
    private boolean qresync;
    private boolean rev2;
    private String account;
    private SelectedFolder selected;
    private FolderDeltas deltas;

    public ImapSessionState(SessionContext context, MailboxAccessListener store, Authenticator authenticator,
            ImapResponder responder, FolderDeltas deltas) {
        this.context = context;
        this.store = store;
        this.authenticator = authenticator;
        this.responder = responder;
        this.deltas = deltas;
    }

    public SessionContext context() {
        return context;
    }

    public MailboxAccessListener store() {
        return store;
    }

    /** What changed in a folder after a modseq: asked once for many sessions at a time. */
    public FolderDeltas deltas() {
        return deltas;
    }

    public Authenticator authenticator() {
        return authenticator;
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

    /** After STARTTLS: the same session, now encrypted. */
    public void tlsStarted() {
        context = context.withTls();
    }

    public PendingAuthentication pendingAuthentication() {
        return pendingAuthentication;
    }

    public void pendingAuthentication(PendingAuthentication pending) {
        pendingAuthentication = pending;
    }

    public void authenticated(String canonicalAccount) {
        authenticated(canonicalAccount, MailboxOverrides.NONE);
    }

    public void authenticated(String canonicalAccount, MailboxOverrides overrides) {
        account = canonicalAccount;
        state = ImapState.AUTHENTICATED;
        Endpoint.AccessOptions access = context.endpoint().custom().access();
        showHiddenFolders = overrides.showHiddenFolders(access.showHiddenFolders());
        RetrievalFormat format = overrides.imapFormat(access.format());
        if (format != RetrievalFormat.BEST_BODY_FORMAT) {
            // Set-ImapSettings' MessageRetrievalMimeFormat: from now on every message read is converted
            ConvertingStore converting = new ConvertingStore(store, format, overrides.exactRfc822Size(access.exactRfc822Size()));
            store = converting;
            deltas = converting.deltas(deltas);
        }
    }

    /** The account's folders as LIST shows them: hidden ones only when ShowHiddenFolders. */
    public List<FolderInfo> listedFolders() {
        List<FolderInfo> all = store.listFolders(account);
        return showHiddenFolders ? all : all.stream().filter(f -> !f.hidden()).toList();
    }

    /** Whether LIST shows hidden folders (the mailbox's setting, else the IMAP service's). */
    public boolean showHiddenFolders() {
        return showHiddenFolders;
    }

    public void select(SelectedFolder folder) {
        selected = folder;
        state = ImapState.SELECTED;
    }

    public void deselect() {
        selected = null;
        state = ImapState.AUTHENTICATED;
    }

    /** Whether CONDSTORE is on (RFC 7162 3.1): FETCH responses carry MODSEQ from now on. */
    public boolean condstore() {
        return condstore;
    }

    public void enableCondstore() {
        condstore = true;
    }

    /** Whether QRESYNC is on (RFC 7162 3.2): VANISHED instead of EXPUNGE, UID in every FETCH. */
    public boolean qresync() {
        return qresync;
    }

    public void enableQresync() {
        condstore = true;
        qresync = true;
    }

    /**
     * Whether the client enabled IMAP4rev2 (RFC 9051): UTF-8 mailbox names, no \Recent, ESEARCH
     * for SEARCH, a LIST response on SELECT.
     */
    public boolean rev2() {
        return rev2;
    }

    public void enableRev2() {
        rev2 = true;
    }

    /** A stored mailbox name as this client reads names (UTF-8 under IMAP4rev2). */
    public String clientName(String storeName) {
        if (!rev2) {
            return storeName;
        }
        String decoded = ModifiedUtf7.decode(storeName);
        return decoded == null ? storeName : decoded;
    }

    /** The untagged responses that tell this session's client about removed messages. */
    public List<String> expunged(Collection<Long> uids) {
        return selected.announceExpunged(uids, qresync);
    }

    /** The tag of the IDLE command in progress, or null. */
    public String idleTag() {
        return idleTag;
    }

    public void idle(String tag) {
        idleTag = tag;
    }

    public void logout() {
        selected = null;
        state = ImapState.LOGOUT;
    }

    /** What this server supports in every state; the list grows with TLS, login and limits. */
    public static final String BASE_CAPABILITIES = "IMAP4rev1 LITERAL+ UNSELECT CHILDREN SPECIAL-USE UIDPLUS MOVE NAMESPACE"
            + " ID ENABLE ESEARCH SEARCHRES IDLE CONDSTORE QRESYNC LIST-EXTENDED LIST-STATUS STATUS=SIZE"
            + " QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE BINARY IMAP4rev2 ACL RIGHTS=texk";

    /** The CAPABILITY list, which depends on TLS and on whether passwords may be sent here. */
    public String capabilities() {
        StringBuilder caps = new StringBuilder(BASE_CAPABILITIES).append(" APPENDLIMIT=").append(context.limits().maxMessageSize());
        if (state == ImapState.NOT_AUTHENTICATED) {
            if (context.startTlsOffered() && responder.tlsAvailable()) {
                caps.append(" STARTTLS");
            }
            if (context.plaintextAuthAllowed()) {
                caps.append(" SASL-IR");
                SaslExchange.MECHANISMS.forEach(m -> caps.append(" AUTH=").append(m));
            } else {
                caps.append(" LOGINDISABLED");
            }
        }
        return caps.toString();
    }
}
