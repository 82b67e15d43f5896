package org.libertymail.ejb.service;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.BindingState;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.adapter.api.ServiceSettings;

/**
 * "Verify configuration", after Exchange's Test-SmtpConnectivity, Test-PopConnectivity and
 * Test-ImapConnectivity: static checks of the configuration, then probes through every bound
 * listener with a dedicated mailbox (libertymail-verify@ the first accepted domain, its password
 * new each run): SMTP submission with AUTH and delivery without, then POP3 and IMAP find what
 * was sent; the probe's messages, and any older than a day, are removed afterwards. One run
 * at a time on a server; the network work runs outside any transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VerificationService {
    static final String PROBE_LOCAL_PART = "libertymail-verify";
    static final String SUBJECT = "LibertyMail verification ";
    private static final ReentrantLock ONE_RUN = new ReentrantLock();
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    ProtocolService protocols;

    @EJB
    DomainService domains;

    @EJB
    MailboxService mailboxes;

    @EJB
    MessageStore store;

    @EJB
    ReceiveConnectorService connectors;

    @EJB
    ServiceSettingsService services;

    @EJB
    VerificationRuns runs;

    public VerificationReport run() {
        if (!ONE_RUN.tryLock()) {
            throw ServiceException.conflict("A verification is running; try again when it is done");
        }
        try {
            long started = System.currentTimeMillis();
            List<VerificationReport.Check> checks = new ArrayList<>();
            List<ListenerState> listeners = timed(checks, "Listeners reachable by the admin service", protocols::listeners);
            List<DomainView> accepted = timed(checks, "Database reachable", domains::list);
            if (listeners != null) {
                bindings(checks, listeners);
            }
            if (accepted != null) {
                checks.add(accepted.isEmpty()
                        ? check("Accepted domains", "static", VerificationReport.FAILURE, 0, "No domain is hosted: no mail can be received")
                        : check("Accepted domains", "static", VerificationReport.SUCCESS, 0, accepted.size() + " hosted"));
            }
            hostName(checks);
            List<ReceiveConnector> smtp = connectors.list();
            overlaps(checks, smtp);
            if (listeners != null) {
                loginTypes(checks, listeners);
                certificate(checks, listeners);
                relay(checks, listeners, smtp);
                if (accepted != null && !accepted.isEmpty()) {
                    probes(checks, listeners, smtp, accepted.get(0).name());
                }
            }
            String outcome = VerificationReport.worst(checks);
            VerificationReport report = new VerificationReport(0, Instant.ofEpochMilli(started).toString(),
                    System.currentTimeMillis() - started, outcome, checks);
            long id = runs.save(started, report);
            return new VerificationReport(id, report.startedAt(), report.durationMs(), outcome, checks);
        } finally {
            ONE_RUN.unlock();
        }
    }

    public List<VerificationReport> history(int limit) {
        return runs.latest(limit);
    }

    private interface Work<T> {
        T get() throws Exception;
    }

    private static <T> T timed(List<VerificationReport.Check> checks, String name, Work<T> work) {
        long start = System.nanoTime();
        try {
            T result = work.get();
            checks.add(check(name, "static", VerificationReport.SUCCESS, millisSince(start), "ok"));
            return result;
        } catch (Exception e) {
            checks.add(check(name, "static", VerificationReport.FAILURE, millisSince(start), message(e)));
            return null;
        }
    }

    private static VerificationReport.Check check(String name, String kind, String result, long latencyMs, String detail) {
        return new VerificationReport.Check(name, kind, result, latencyMs, detail);
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }

    /** What went wrong, with the root cause when it says more. */
    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? describe(e) : describe(e) + ": " + describe(root);
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Every binding of an enabled protocol is bound, or why not. */
    private static void bindings(List<VerificationReport.Check> checks, List<ListenerState> listeners) {
        for (ListenerState l : listeners) {
            if (!l.enabled()) {
                checks.add(check(l.protocol().id().toUpperCase(Locale.ROOT) + " listener", "static", VerificationReport.SKIPPED, 0,
                        "switched off"));
                continue;
            }
            for (BindingState b : l.bindings()) {
                String name = l.protocol().id().toUpperCase(Locale.ROOT) + " binding " + b.name() + " " + b.bindAddress() + ":" + b.port();
                checks.add(b.bound() ? check(name, "static", VerificationReport.SUCCESS, 0, "bound (TLS: " + b.tls() + ")")
                        : check(name, "static", VerificationReport.FAILURE, 0, b.error() != null ? b.error() : "not bound"));
            }
        }
    }

    private static void hostName(List<VerificationReport.Check> checks) {
        String host = ClientSettingsService.hostName();
        long start = System.nanoTime();
        try {
            InetAddress address = InetAddress.getByName(host);
            checks.add(check("Host name " + host, "static", VerificationReport.SUCCESS, millisSince(start),
                    "resolves to " + address.getHostAddress()));
        } catch (Exception e) {
            checks.add(check("Host name " + host, "static", VerificationReport.WARNING, millisSince(start),
                    "does not resolve: clients and other servers cannot find this server by it"));
        }
    }

    /** Two enabled connectors on one binding serving the same remote ranges: which one answers is a guess. */
    private static void overlaps(List<VerificationReport.Check> checks, List<ReceiveConnector> smtp) {
        List<String> clashes = new ArrayList<>();
        for (int i = 0; i < smtp.size(); i++) {
            for (int j = i + 1; j < smtp.size(); j++) {
                ReceiveConnector a = smtp.get(i);
                ReceiveConnector b = smtp.get(j);
                if (a.enabled() && b.enabled() && a.bindings().stream().anyMatch(b.bindings()::contains)
                        && Set.copyOf(a.remoteIpRanges()).equals(Set.copyOf(b.remoteIpRanges()))) {
                    clashes.add(a.name() + " / " + b.name());
                }
            }
        }
        checks.add(clashes.isEmpty() ? check("Receive connectors unambiguous", "static", VerificationReport.SUCCESS, 0,
                smtp.size() + " connectors")
                : check("Receive connectors unambiguous", "static", VerificationReport.FAILURE, 0, "same binding and remote "
                        + "ranges: " + String.join(", ", clashes)));
    }

    /** SecureLogin needs a way to encrypt: a bound TLS or STARTTLS binding. */
    private void loginTypes(List<VerificationReport.Check> checks, List<ListenerState> listeners) {
        for (Protocol p : List.of(Protocol.POP3, Protocol.IMAP)) {
            ListenerState l = listeners.stream().filter(s -> s.protocol() == p).findFirst().orElse(null);
            ServiceSettings s = services.get(p);
            if (l == null || !l.enabled() || s == null) {
                continue;
            }
            boolean secure = ServiceSettings.SECURE_LOGIN.equalsIgnoreCase(s.loginType());
            boolean tls = l.bindings().stream().anyMatch(b -> b.bound() && !b.tls().equals("none"));
            String name = p.id().toUpperCase(Locale.ROOT) + " login type " + s.loginType();
            checks.add(!secure || tls ? check(name, "static", VerificationReport.SUCCESS, 0,
                    secure ? "TLS available" : "passwords may travel unencrypted")
                    : check(name, "static", VerificationReport.FAILURE, 0, "no TLS binding is bound: nobody can log in"));
        }
    }

    /** The certificate the first implicit-TLS binding presents: valid, for how long, by whom. */
    private static void certificate(List<VerificationReport.Check> checks, List<ListenerState> listeners) {
        BindingState tls = listeners.stream().filter(ListenerState::enabled).flatMap(l -> l.bindings().stream())
                .filter(b -> b.bound() && b.tls().equals("implicit")).findFirst().orElse(null);
        if (tls == null) {
            checks.add(check("TLS certificate", "probe", VerificationReport.SKIPPED, 0, "no implicit-TLS binding is bound"));
            return;
        }
        long start = System.nanoTime();
        try {
            X509Certificate cert = ConnectivityProbes.certificate(ConnectivityProbes.connectHost(tls.bindAddress()), tls.port());
            Duration left = Duration.between(Instant.now(), cert.getNotAfter().toInstant());
            boolean selfSigned = cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
            String detail = cert.getSubjectX500Principal().getName() + ", valid until " + cert.getNotAfter().toInstant()
                    + (selfSigned ? ", self-signed: clients will warn" : "");
            String result = left.isNegative() ? VerificationReport.FAILURE
                    : left.toDays() < 30 || selfSigned ? VerificationReport.WARNING : VerificationReport.SUCCESS;
            checks.add(check("TLS certificate", "probe", result, millisSince(start),
                    left.isNegative() ? "expired: " + detail : left.toDays() < 30 ? "expires within 30 days: " + detail : detail));
        } catch (Exception e) {
            checks.add(check("TLS certificate", "probe", VerificationReport.FAILURE, millisSince(start), message(e)));
        }
    }

    /** Every SMTP binding that takes mail without login refuses to relay it elsewhere. */
    private static void relay(List<VerificationReport.Check> checks, List<ListenerState> listeners, List<ReceiveConnector> smtp) {
        for (BindingState b : smtpBindings(listeners)) {
            ReceiveConnector c = connector(smtp, b);
            if (c == null || c.implicitTls() || !b.bound()) {
                continue;
            }
            String name = "No open relay on " + b.name() + " " + b.bindAddress() + ":" + b.port();
            long start = System.nanoTime();
            try {
                String reply = ConnectivityProbes.relayReply(ConnectivityProbes.connectHost(b.bindAddress()), b.port());
                checks.add(reply.startsWith("5") || reply.startsWith("4")
                        ? check(name, "probe", VerificationReport.SUCCESS, millisSince(start), "refused: " + reply)
                        : check(name, "probe", VerificationReport.FAILURE, millisSince(start), "OPEN RELAY: " + reply));
            } catch (Exception e) {
                checks.add(check(name, "probe", VerificationReport.FAILURE, millisSince(start), message(e)));
            }
        }
    }

    private static List<BindingState> smtpBindings(List<ListenerState> listeners) {
        return listeners.stream().filter(l -> l.protocol() == Protocol.SMTP && l.enabled())
                .flatMap(l -> l.bindings().stream()).toList();
    }

    private static ReceiveConnector connector(List<ReceiveConnector> smtp, BindingState b) {
        return smtp.stream().filter(c -> c.enabled() && c.name().equals(b.name())).findFirst().orElse(null);
    }

    private static boolean forUsers(ReceiveConnector c) {
        return c.permissionGroups().stream().anyMatch(ReceiveConnector.MAILBOX_USERS::equalsIgnoreCase)
                && c.authMechanisms().stream().anyMatch(m -> m.equalsIgnoreCase(ReceiveConnector.BASIC_AUTH)
                        || m.equalsIgnoreCase(ReceiveConnector.BASIC_AUTH_REQUIRE_TLS));
    }

    /** SMTP in through every bound binding, then POP3 and IMAP must find it all; then clean up. */
    private void probes(List<VerificationReport.Check> checks, List<ListenerState> listeners, List<ReceiveConnector> smtp,
            String domain) {
        String probe = PROBE_LOCAL_PART + "@" + domain;
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().encodeToString(secret);
        if (mailboxes.find(probe) == null) {
            mailboxes.create(probe, password);
        } else {
            mailboxes.setPassword(probe, password);
        }
        FolderSnapshot before = store.openFolder(probe, "INBOX", false);
        long firstUid = before == null ? 1 : before.uidNext();
        Set<String> sent = new LinkedHashSet<>();
        String run = Long.toHexString(RANDOM.nextLong());
        for (BindingState b : smtpBindings(listeners)) {
            ReceiveConnector c = connector(smtp, b);
            if (c == null || !b.bound()) {
                continue;
            }
            boolean users = forUsers(c);
            String mode = b.tls();
            String name = (users ? "SMTP submission" : "SMTP delivery") + " " + b.name() + " " + b.bindAddress() + ":" + b.port()
                    + " (" + mode + ")";
            String subject = SUBJECT + run + " " + b.name();
            long start = System.nanoTime();
            try {
                ConnectivityProbes.send(ConnectivityProbes.connectHost(b.bindAddress()), b.port(), mode,
                        users ? probe : null, users ? password : null, probe, subject);
                sent.add(subject);
                checks.add(check(name, "probe", VerificationReport.SUCCESS, millisSince(start), "accepted"));
            } catch (Exception e) {
                checks.add(check(name, "probe", VerificationReport.FAILURE, millisSince(start), message(e)));
            }
        }
        for (Protocol p : List.of(Protocol.POP3, Protocol.IMAP)) {
            ListenerState l = listeners.stream().filter(s -> s.protocol() == p).findFirst().orElse(null);
            if (l == null || !l.enabled()) {
                checks.add(check(p.id().toUpperCase(Locale.ROOT) + " retrieval", "probe", VerificationReport.SKIPPED, 0, "switched off"));
                continue;
            }
            for (BindingState b : l.bindings()) {
                String name = p.id().toUpperCase(Locale.ROOT) + " retrieval " + b.name() + " " + b.bindAddress() + ":" + b.port() + " ("
                        + b.tls() + ")";
                if (!b.bound() || sent.isEmpty()) {
                    checks.add(check(name, "probe", VerificationReport.SKIPPED, 0, b.bound() ? "no message was sent" : "not bound"));
                    continue;
                }
                long start = System.nanoTime();
                try {
                    Set<String> found = ConnectivityProbes.find(p.id(), ConnectivityProbes.connectHost(b.bindAddress()), b.port(),
                            b.tls(), probe, password, sent);
                    checks.add(found.size() == sent.size()
                            ? check(name, "probe", VerificationReport.SUCCESS, millisSince(start), "found " + found.size()
                                    + " of " + sent.size() + " messages")
                            : check(name, "probe", VerificationReport.FAILURE, millisSince(start), "found " + found.size()
                                    + " of " + sent.size() + " messages"));
                } catch (Exception e) {
                    boolean delayed = String.valueOf(e.getMessage()).contains("[LOGIN-DELAY]");
                    checks.add(check(name, "probe", delayed ? VerificationReport.SKIPPED : VerificationReport.FAILURE,
                            millisSince(start), message(e)));
                }
            }
        }
        cleanUp(probe, firstUid);
    }

    /** Removes this run's messages and any older than a day (left by a run that failed half way). */
    private void cleanUp(String probe, long firstUid) {
        FolderSnapshot inbox = store.openFolder(probe, "INBOX", false);
        if (inbox == null) {
            return;
        }
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        List<Long> doomed = inbox.messages().stream().filter(m -> m.uid() >= firstUid || m.internalDate().isBefore(dayAgo))
                .map(MessageSummary::uid).toList();
        if (!doomed.isEmpty()) {
            store.delete(probe, "INBOX", doomed);
        }
    }
}
