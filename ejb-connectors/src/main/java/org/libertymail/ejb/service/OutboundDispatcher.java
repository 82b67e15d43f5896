package org.libertymail.ejb.service;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.DkimKey;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.OutboundMessage;
import org.libertymail.adapter.api.OutboundRoute;
import org.libertymail.adapter.api.RecipientOutcome;

/**
 * Works the outbound queue: every poll it claims what is due, one destination per task, at
 * most {@code mailserver.outbound.concurrency} destinations at once, and sends each
 * destination's messages over one connection through its send connector's route; then it
 * queues the reports senders are owed. Reports to local senders are delivered here too.
 * Several servers on one database share the queue: a claim is a row lock and a lease.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboundDispatcher {
    private static final Logger LOG = Logger.getLogger(OutboundDispatcher.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService workers;

    @EJB
    OutboundQueueService queue;

    @EJB
    SendConnectorService connectors;

    @EJB
    ProtocolService adapter;

    @EJB
    DeliveryService delivery;

    @EJB
    DkimKeyService dkim;

    @Inject
    OutboundSettings settings;

    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    /** This server among those sharing the store: its host and Liberty server name, the same at every start. */
    private final String server = ClientSettingsService.hostName() + "/" + System.getProperty("wlp.server.name", "mailserver")
            + "/" + System.getProperty("user.dir");
    private ScheduledFuture<?> ticking;
    // Read once: the poll outlives the CDI container by a moment at shutdown.
    private int concurrency;
    private int messagesPerConnection;
    private String dnsServer;
    private int timeoutSeconds;
    private volatile boolean stopping;
    private long ticks;

    @PostConstruct
    void start() {
        try {
            queue.releaseClaims(server);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not release this server's earlier claims; they lapse with their lease", e);
        }
        concurrency = settings.concurrency();
        messagesPerConnection = settings.messagesPerConnection();
        dnsServer = settings.dnsServer();
        timeoutSeconds = settings.timeoutSeconds();
        ticking = scheduler.scheduleWithFixedDelay(this::tick, settings.pollMillis(), settings.pollMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    private void tick() {
        if (stopping) {
            return;
        }
        try {
            int free = concurrency - busy.size();
            if (free > 0) {
                for (OutboundQueueService.Batch batch : queue.claimDue(server, Set.copyOf(busy), free, messagesPerConnection)) {
                    String key = (batch.local() ? "local:" : "") + batch.domain();
                    busy.add(key);
                    workers.execute(() -> {
                        try {
                            work(batch);
                        } catch (RuntimeException e) {
                            // The claim lapses and another attempt comes; nothing is lost.
                            LOG.log(Level.WARNING, "Outbound attempt for " + batch.domain() + " failed", e);
                        } finally {
                            busy.remove(key);
                        }
                    });
                }
            }
            queue.queueReports(ClientSettingsService.hostName());
            if (ticks++ % 100 == 0) {
                queue.purgeFinished();
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.log(Level.WARNING, "The outbound queue could not be worked; trying again at the next poll", e);
            }
        }
    }

    private void work(OutboundQueueService.Batch batch) {
        if (batch.local()) {
            batch.messages().forEach(this::deliverHere);
            return;
        }
        Optional<SendConnector> connector = connectors.route(batch.domain());
        List<OutboundMessage> messages = new ArrayList<>();
        List<OutboundQueueService.QueuedMessage> sent = new ArrayList<>();
        for (OutboundQueueService.QueuedMessage m : batch.messages()) {
            if (connector.isEmpty()) {
                recordAll(m, 0, "4.4.0", "No enabled send connector routes mail to " + batch.domain(), false);
            } else if (connector.get().maxMessageSize() > 0 && m.size() > connector.get().maxMessageSize()) {
                recordAll(m, 0, "5.3.4", "Message too big for send connector " + connector.get().name(), true);
            } else {
                messages.add(new OutboundMessage(m.reversePath(), m.envid(), m.ret(), m.recipients(), storedContent(m),
                        signingKey(m.reversePath())));
                sent.add(m);
            }
        }
        if (messages.isEmpty()) {
            return;
        }
        List<List<RecipientOutcome>> outcomes = adapter.transfer(batch.domain(), route(connector.get()), messages);
        for (int i = 0; i < sent.size(); i++) {
            queue.record(sent.get(i).recipientIds(), outcomes.get(i));
        }
    }

    /** A queued message's content, read from the store only when it is sent: one message in memory at a time. */
    private MessageContent storedContent(OutboundQueueService.QueuedMessage m) {
        return new MessageContent() {
            @Override
            public long size() {
                return m.size();
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(queue.content(m.bodyId()));
            }
        };
    }

    /** The sender's domain's DKIM key: our submissions send from the user's own address. */
    private DkimKey signingKey(String reversePath) {
        int at = reversePath.lastIndexOf('@');
        return at < 0 ? null : dkim.signingKey(reversePath.substring(at + 1)).orElse(null);
    }

    private OutboundRoute route(SendConnector c) {
        OutboundRoute.OutboundTls tls = switch (c.tls()) {
            case SendConnector.NONE -> OutboundRoute.OutboundTls.NONE;
            case SendConnector.REQUIRED -> OutboundRoute.OutboundTls.REQUIRED;
            default -> OutboundRoute.OutboundTls.OPPORTUNISTIC;
        };
        return new OutboundRoute(c.smartHosts(), c.port(), tls, Boolean.TRUE.equals(c.verifyCertificate()), c.authUser(),
                c.authPassword(), ClientSettingsService.hostName(), c.sourceIp(), dnsServer, timeoutSeconds);
    }

    /** A report for a local sender: into its INBOX, like any delivery (quota included). */
    private void deliverHere(OutboundQueueService.QueuedMessage m) {
        List<String> to = m.recipients().stream().map(EnvelopeRecipient::address).toList();
        RecipientOutcome outcome;
        try {
            DeliveryReceipt receipt = StoreCalls.run(() -> delivery.deliverAll(List.of(new DeliveryRequest(m.reversePath(), to,
                    MessageContent.of(queue.content(m.bodyId())))))).get(0);
            outcome = receipt.outcome() == DeliveryReceipt.Outcome.STORED
                    ? new RecipientOutcome(to.get(0), true, false, 250, "2.0.0", "250 2.0.0 delivered to the mailbox", null)
                    : new RecipientOutcome(to.get(0), false, false, 452, "4.2.2", "452 4.2.2 Mailbox full", null);
        } catch (ServiceException e) {
            outcome = new RecipientOutcome(to.get(0), false, true, 0, "5.1.1", "The mailbox is gone: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            outcome = new RecipientOutcome(to.get(0), false, false, 0, "4.3.0", "Local delivery failed: " + e.getMessage(), null);
        }
        RecipientOutcome o = outcome;
        queue.record(m.recipientIds(), m.recipientIds().stream().map(id -> o).toList());
    }

    private void recordAll(OutboundQueueService.QueuedMessage m, int code, String status, String text, boolean permanent) {
        queue.record(m.recipientIds(), m.recipients().stream()
                .map(r -> new RecipientOutcome(r.address(), false, permanent, code, status, text, null)).toList());
    }
}
