package org.libertymail.adapter.imap;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.libertymail.adapter.api.AccessDeniedException;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.imap.command.AclProcessor;
import org.libertymail.adapter.imap.command.AppendProcessor;
import org.libertymail.adapter.imap.command.AuthenticateProcessor;
import org.libertymail.adapter.imap.command.CapabilityProcessor;
import org.libertymail.adapter.imap.command.CloseProcessor;
import org.libertymail.adapter.imap.command.CommandProcessor;
import org.libertymail.adapter.imap.command.CopyProcessor;
import org.libertymail.adapter.imap.command.CreateProcessor;
import org.libertymail.adapter.imap.command.DeleteProcessor;
import org.libertymail.adapter.imap.command.EnableProcessor;
import org.libertymail.adapter.imap.command.ExpungeProcessor;
import org.libertymail.adapter.imap.command.FetchProcessor;
import org.libertymail.adapter.imap.command.IdProcessor;
import org.libertymail.adapter.imap.command.IdleProcessor;
import org.libertymail.adapter.imap.command.ListProcessor;
import org.libertymail.adapter.imap.command.LoginProcessor;
import org.libertymail.adapter.imap.command.LogoutProcessor;
import org.libertymail.adapter.imap.command.NamespaceProcessor;
import org.libertymail.adapter.imap.command.NoopProcessor;
import org.libertymail.adapter.imap.command.QuotaProcessor;
import org.libertymail.adapter.imap.command.RenameProcessor;
import org.libertymail.adapter.imap.command.SearchProcessor;
import org.libertymail.adapter.imap.command.SelectProcessor;
import org.libertymail.adapter.imap.command.StartTlsProcessor;
import org.libertymail.adapter.imap.command.StatusProcessor;
import org.libertymail.adapter.imap.command.StoreProcessor;
import org.libertymail.adapter.imap.command.SubscribeProcessor;
import org.libertymail.adapter.protocol.BackendUnavailableException;
import org.libertymail.adapter.protocol.FolderDeltas;
import org.libertymail.adapter.protocol.ProtocolSession;
import org.libertymail.adapter.protocol.SessionContext;
import org.libertymail.adapter.protocol.SessionOutput;
import org.libertymail.adapter.protocol.StoredContent;
import org.libertymail.adapter.protocol.abuse.Authenticator;

/** An IMAP4rev1 connection (RFC 3501): parses each command and hands it to its processor. */
public final class ImapSession implements ProtocolSession {
    private static final Logger LOG = Logger.getLogger(ImapSession.class.getName());
    private static final Map<Class<? extends ImapCommand>, CommandProcessor<?>> PROCESSORS = new HashMap<>();

    static {
        PROCESSORS.put(ImapCommand.Capability.class, new CapabilityProcessor());
        PROCESSORS.put(ImapCommand.Noop.class, new NoopProcessor());
        PROCESSORS.put(ImapCommand.Logout.class, new LogoutProcessor());
        PROCESSORS.put(ImapCommand.Login.class, new LoginProcessor());
        PROCESSORS.put(ImapCommand.Authenticate.class, new AuthenticateProcessor());
        PROCESSORS.put(ImapCommand.StartTls.class, new StartTlsProcessor());
        PROCESSORS.put(ImapCommand.Select.class, new SelectProcessor());
        PROCESSORS.put(ImapCommand.ListMailboxes.class, new ListProcessor());
        PROCESSORS.put(ImapCommand.Status.class, new StatusProcessor());
        PROCESSORS.put(ImapCommand.Create.class, new CreateProcessor());
        PROCESSORS.put(ImapCommand.Delete.class, new DeleteProcessor());
        PROCESSORS.put(ImapCommand.Rename.class, new RenameProcessor());
        PROCESSORS.put(ImapCommand.Subscribe.class, new SubscribeProcessor());
        PROCESSORS.put(ImapCommand.Append.class, new AppendProcessor());
        PROCESSORS.put(ImapCommand.Copy.class, new CopyProcessor());
        PROCESSORS.put(ImapCommand.Namespace.class, new NamespaceProcessor());
        PROCESSORS.put(ImapCommand.Id.class, new IdProcessor());
        PROCESSORS.put(ImapCommand.Enable.class, new EnableProcessor());
        PROCESSORS.put(ImapCommand.Fetch.class, new FetchProcessor());
        PROCESSORS.put(ImapCommand.Search.class, new SearchProcessor());
        PROCESSORS.put(ImapCommand.Store.class, new StoreProcessor());
        PROCESSORS.put(ImapCommand.Expunge.class, new ExpungeProcessor());
        PROCESSORS.put(ImapCommand.Close.class, new CloseProcessor());
        PROCESSORS.put(ImapCommand.Idle.class, new IdleProcessor());
        QuotaProcessor quota = new QuotaProcessor();
        PROCESSORS.put(ImapCommand.GetQuotaRoot.class, quota);
        PROCESSORS.put(ImapCommand.GetQuota.class, quota);
        PROCESSORS.put(ImapCommand.SetQuota.class, quota);
        PROCESSORS.put(ImapCommand.Acl.class, new AclProcessor());
    }

    private final ImapSessionState session;
    private final ImapResponder responder;
    private static final ImapCommandParser PARSER = new ImapCommandParser();
    private int badCommands;

    /** A session without login throttling (engine tests). */
    public ImapSession(SessionContext context, SessionOutput out, MailboxAccessListener store) {
        this(context, out, store, Authenticator.unthrottled((u, p) -> store.authenticate(u, p, Protocol.IMAP)));
    }

    public ImapSession(SessionContext context, SessionOutput out, MailboxAccessListener store, Authenticator authenticator) {
        this(context, out, store, authenticator, store::changesSince);
    }

    /** @param deltas where NOOP and IDLE learn what changed (shared by the server's sessions) */
    public ImapSession(SessionContext context, SessionOutput out, MailboxAccessListener store, Authenticator authenticator,
            FolderDeltas deltas) {
        this.responder = new ImapResponder(out);
        this.session = new ImapSessionState(context, store, authenticator, responder, deltas);
    }

    @Override
    public void start() {
        String banner = session.context().endpoint().custom().banner();
        responder.untagged("OK [CAPABILITY " + session.capabilities() + "] "
                + (banner != null ? banner : "LibertyMail IMAP4rev1 server ready"));
        responder.flush();
    }

    @Override
    public void onFrame(byte[] frame) {
        onFrame(frame, null);
    }

    /**
     * A frame whose large literals were spooled (see {@link SpooledLiterals}); the caller
     * discards them afterwards.
     */
    public void onFrame(byte[] frame, SpooledLiterals spooled) {
        if (session.state() == ImapState.LOGOUT) {
            return;
        }
        if (session.idleTag() != null) {
            endIdle(frame);
            return;
        }
        if (session.pendingAuthentication() != null) {
            String tag = session.pendingAuthentication().tag();
            try {
                AuthenticateProcessor.respond(new String(frame, StandardCharsets.US_ASCII), session);
            } catch (BackendUnavailableException e) {
                responder.no(tag, "[UNAVAILABLE] " + e.getMessage() + ", try again later");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "IMAP AUTHENTICATE failed", e);
                responder.no(tag, "[SERVERBUG] Local error in processing");
            }
            responder.flush();
            return;
        }
        ImapRequest request;
        try {
            request = PARSER.parse(frame, spooled);
        } catch (ImapParseException e) {
            bad(ImapCommandParser.tagOf(frame), e.getMessage());
            return;
        }
        execute(request);
        responder.flush();
    }

    /** RFC 2177: DONE ends IDLE; anything else is a protocol error, which ends it too. */
    private void endIdle(byte[] frame) {
        String tag = session.idleTag();
        session.idle(null);
        responder.unwatch();
        if (new String(frame, StandardCharsets.US_ASCII).strip().equalsIgnoreCase("DONE")) {
            responder.ok(tag, "IDLE terminated");
            responder.flush();
        } else {
            bad(tag, "Expected DONE to end IDLE");
        }
    }

    @Override
    public void onWake() {
        if (session.idleTag() != null && session.state() == ImapState.SELECTED) {
            try {
                NoopProcessor.synchronize(session);
            } catch (BackendUnavailableException e) {
                return; // told at the next wake or command
            }
            responder.flush();
        }
    }

    /** The first line only (no literals); LOGIN and AUTHENTICATE data and SASL responses as "****". */
    @Override
    public String forLog(byte[] frame) {
        if (session.pendingAuthentication() != null) {
            return "****";
        }
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf("\r\n");
        String first = eol < 0 ? text : text.substring(0, eol);
        String[] parts = first.strip().split(" +");
        if (parts.length > 2 && parts[1].equalsIgnoreCase("LOGIN")) {
            return parts[0] + " " + parts[1] + " ****";
        }
        if (parts.length > 3 && parts[1].equalsIgnoreCase("AUTHENTICATE")) {
            return parts[0] + " " + parts[1] + " " + parts[2] + " ****";
        }
        return first;
    }

    @SuppressWarnings("unchecked")
    private <C extends ImapCommand> void execute(ImapRequest request) {
        CommandProcessor<C> processor = (CommandProcessor<C>) PROCESSORS.get(request.command().getClass());
        if (!processor.validIn().contains(session.state())) {
            bad(request.tag(), session.state() == ImapState.NOT_AUTHENTICATED ? "Log in first"
                    : session.state() == ImapState.AUTHENTICATED ? "No mailbox selected" : "Already authenticated");
            return;
        }
        try {
            C command = (C) (session.rev2() ? MailboxNames.forStore(request.command()) : request.command());
            boolean onPublicFolder = session.selected() != null && PublicFolders.isPublic(session.selected().name());
            processor.process(request.tag(), command, session);
            if (session.account() != null && processor.changesMail(command)) {
                responder.changed(session.account());
                if (onPublicFolder || touchesPublicFolder(command)) {
                    responder.changed(PublicFolders.OWNER);
                }
            }
        } catch (ImapParseException e) {
            bad(request.tag(), e.getMessage());
        } catch (BackendUnavailableException e) {
            responder.no(request.tag(), "[UNAVAILABLE] " + e.getMessage() + ", try again later");
        } catch (AccessDeniedException e) {
            responder.no(request.tag(), "[NOPERM] " + e.getMessage());
        } catch (StoredContent.MessageGoneException e) {
            // Part of a response is on the wire already; only closing the connection is honest.
            LOG.log(Level.INFO, e.getMessage());
            responder.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IMAP command failed", e);
            responder.no(request.tag(), "[SERVERBUG] Local error in processing");
        }
    }

    /**
     * Whether the command changes a public folder other than the one selected when it began (CLOSE
     * may leave none selected), so that sessions on it must hear of the change.
     */
    private static boolean touchesPublicFolder(ImapCommand command) {
        return (command instanceof ImapCommand.Append a && PublicFolders.isPublic(a.mailbox()))
                || (command instanceof ImapCommand.Copy c && PublicFolders.isPublic(c.mailbox()));
    }

    /**
     * The client announced a literal larger than the server accepts. A synchronizing literal was
     * not sent, so the command is refused and the connection goes on; a non-synchronizing one
     * is already on its way and cannot be skipped reliably, so the connection ends (RFC 7888 4).
     */
    public void onLiteralTooLarge(byte[] commandStart, boolean synchronizing) {
        String tag = ImapCommandParser.tagOf(commandStart);
        if (synchronizing) {
            responder.no(tag, "[TOOBIG] Literal too large");
            responder.flush();
        } else {
            responder.untagged("BYE [TOOBIG] Literal too large");
            session.logout();
            responder.close();
        }
    }

    @Override
    public void onLineTooLong() {
        bad("*", "Line too long");
    }

    @Override
    public byte[] farewell() {
        return "* BYE Session closed by the administrator\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void onIdleTimeout() {
        if (session.state() != ImapState.LOGOUT) {
            responder.untagged("BYE Autologout; idle for too long");
            session.logout();
            responder.close();
        }
    }

    private void bad(String tag, String text) {
        badCommands++;
        if (badCommands > session.context().limits().maxBadCommands()) {
            responder.untagged("BYE Too many invalid commands");
            session.logout();
            responder.close();
            return;
        }
        responder.bad(tag, text);
        responder.flush();
    }
}
