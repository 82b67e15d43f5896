package org.libertymail.adapter.ra;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

import javax.transaction.xa.XAResource;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.libertymail.adapter.api.ListenerState;
import org.libertymail.adapter.api.MailDeliveryListener;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.adapter.api.ServiceSettings;
import org.libertymail.adapter.imap.ImapSession;
import org.libertymail.adapter.pop3.LoginDelays;
import org.libertymail.adapter.pop3.Pop3Session;
import org.libertymail.adapter.protocol.Endpoint;
import org.libertymail.adapter.protocol.ServerLimits;
import org.libertymail.adapter.protocol.SharedFolderDeltas;
import org.libertymail.adapter.protocol.abuse.AbuseSettings;
import org.libertymail.adapter.protocol.abuse.AuthThrottle;
import org.libertymail.adapter.protocol.abuse.Authenticator;
import org.libertymail.adapter.protocol.abuse.MessageRates;
import org.libertymail.adapter.protocol.connector.ConnectorRules;
import org.libertymail.adapter.protocol.connector.ServiceRules;
import org.libertymail.adapter.smtp.RecipientCache;
import org.libertymail.adapter.smtp.SmtpSession;
import org.libertymail.adapter.transport.ListenerManager;
import org.libertymail.adapter.transport.ListenerSettings;
import org.libertymail.adapter.transport.ProtocolLogs;
import org.libertymail.adapter.transport.TlsContexts;

/**
 * The resource adapter that hosts the SMTP, POP3 and IMAP4 listeners. {@link #start} binds
 * them; sessions reach the store through the MDBs activated against this adapter; EJBs command
 * the listeners through the outbound connection factory.
 *
 * <p>Liberty waits up to 30 s for adapter threads before it calls {@link #stop}, so the
 * listeners and their event loops are also shut down as soon as the last endpoint goes away.
 */
@Connector(displayName = "LibertyMail protocol listeners", vendorName = "LibertyMail", eisType = "Mail",
        version = "1.0", transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class MailResourceAdapter implements ResourceAdapter {
    private static final Logger LOG = Logger.getLogger(MailResourceAdapter.class.getName());

    @ConfigProperty(description = "Host name in greetings and Received headers; empty: this machine's name")
    private String hostName = "";
    @ConfigProperty(description = "Address the listeners bind to")
    private String bindAddress = "0.0.0.0";
    @ConfigProperty(description = "Address the SMTP listener binds to; empty: bindAddress")
    private String smtpBindAddress = "";
    @ConfigProperty(description = "Address the POP3 listener binds to; empty: bindAddress")
    private String pop3BindAddress = "";
    @ConfigProperty(description = "Address the IMAP listener binds to; empty: bindAddress")
    private String imapBindAddress = "";
    @ConfigProperty(defaultValue = "25")
    private Integer smtpPort = 25;
    @ConfigProperty(defaultValue = "true")
    private Boolean smtpEnabled = Boolean.TRUE;
    @ConfigProperty(defaultValue = "110")
    private Integer pop3Port = 110;
    @ConfigProperty(defaultValue = "true")
    private Boolean pop3Enabled = Boolean.TRUE;
    @ConfigProperty(defaultValue = "143")
    private Integer imapPort = 143;
    @ConfigProperty(defaultValue = "true")
    private Boolean imapEnabled = Boolean.TRUE;
    @ConfigProperty(description = "SMTP submission port (STARTTLS, AUTH required); 0: none", defaultValue = "587")
    private Integer submissionPort = 587;
    @ConfigProperty(description = "SMTP submission port with implicit TLS; 0: none", defaultValue = "465")
    private Integer smtpsPort = 465;
    @ConfigProperty(description = "POP3 port with implicit TLS; 0: none", defaultValue = "995")
    private Integer pop3sPort = 995;
    @ConfigProperty(description = "IMAP port with implicit TLS; 0: none", defaultValue = "993")
    private Integer imapsPort = 993;
    @ConfigProperty(description = "POP3 LoginType: SecureLogin, PlainTextLogin or PlainTextAuthentication",
            defaultValue = "SecureLogin")
    private String pop3LoginType = "SecureLogin";
    @ConfigProperty(description = "IMAP LoginType: SecureLogin, PlainTextLogin or PlainTextAuthentication",
            defaultValue = "SecureLogin")
    private String imapLoginType = "SecureLogin";
    @ConfigProperty(description = "Directory of the protocol logs; empty: none")
    private String protocolLogDirectory = "";
    @ConfigProperty(description = "PKCS#12 keystore with the server certificate for TLS")
    private String tlsKeyStore = "";
    @ConfigProperty(description = "Password of the TLS keystore (plain or Liberty {xor})", confidential = true)
    private String tlsKeyStorePassword = "";
    @ConfigProperty(description = "Open connections per protocol listener", defaultValue = "5000")
    private Integer maxConnections = 5000;
    @ConfigProperty(description = "Open connections per protocol listener from one address", defaultValue = "100")
    private Integer maxConnectionsPerIp = 100;
    @ConfigProperty(description = "Authentication failures of one account before a lockout", defaultValue = "10")
    private Integer maxAuthFailuresPerAccount = 10;
    @ConfigProperty(description = "Authentication failures from one address before a lockout", defaultValue = "30")
    private Integer maxAuthFailuresPerIp = 30;
    @ConfigProperty(description = "Length of a lockout; failures older than this are forgotten", defaultValue = "900")
    private Long authLockoutSeconds = 900L;
    @ConfigProperty(description = "Delay added to a failed login's reply per failure so far", defaultValue = "500")
    private Long authTarpitMillis = 500L;
    @ConfigProperty(description = "Longest delay of a failed login's reply", defaultValue = "5000")
    private Long authMaxTarpitMillis = 5000L;
    @ConfigProperty(description = "Largest message accepted, in octets", defaultValue = "26214400")
    private Long maxMessageSize = 26_214_400L;
    @ConfigProperty(description = "Longest input line, in octets", defaultValue = "65536")
    private Integer maxLineLength = 65_536;
    @ConfigProperty(description = "Accept passwords on unencrypted non-loopback connections", defaultValue = "false")
    private Boolean allowPlaintextAuth = Boolean.FALSE;
    @ConfigProperty(description = "Event-loop threads shared by all connections", defaultValue = "2")
    private Integer ioThreads = 2;

    private final EndpointRegistry endpoints = new EndpointRegistry();
    private volatile ListenerManager listeners;
    private volatile AuthThrottle throttle;
    private final RecipientCache knownRecipients = new RecipientCache();
    private volatile List<ReceiveConnector> receiveConnectors = List.of();
    private final Map<Protocol, ServiceSettings> serviceSettings = new EnumMap<>(Protocol.class);

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        Executor executor = new WorkManagerExecutor(context.getWorkManager());
        ServerLimits limits = new ServerLimits(maxMessageSize, maxLineLength, 100, 20, allowPlaintextAuth);
        TlsContexts tls = tlsKeyStore == null || tlsKeyStore.isBlank() ? null
                : new TlsContexts(Path.of(tlsKeyStore.strip()), tlsKeyStorePassword);
        AbuseSettings abuse = new AbuseSettings(maxConnections, maxConnectionsPerIp, maxAuthFailuresPerAccount,
                maxAuthFailuresPerIp, authLockoutSeconds, authTarpitMillis, authMaxTarpitMillis);
        AuthThrottle authThrottle = new AuthThrottle(abuse);
        ProtocolLogs logs = protocolLogDirectory == null || protocolLogDirectory.isBlank() ? null
                : new ProtocolLogs(Path.of(protocolLogDirectory.strip()));
        ListenerManager manager = new ListenerManager(ioThreads, executor, executor, serverName(), limits, tls, abuse, logs);
        MailDeliveryListener delivery = endpoints.proxy(MailDeliveryListener.class);
        MailboxAccessListener mailboxes = endpoints.proxy(MailboxAccessListener.class);
        Authenticator submitters = new Authenticator(authThrottle, (u, p) -> delivery.authenticate(u, p, Protocol.SMTP));
        Authenticator pop3Users = new Authenticator(authThrottle, (u, p) -> mailboxes.authenticate(u, p, Protocol.POP3));
        Authenticator imapUsers = new Authenticator(authThrottle, (u, p) -> mailboxes.authenticate(u, p, Protocol.IMAP));
        LoginDelays loginDelays = new LoginDelays();
        MessageRates rates = new MessageRates();
        Clock clock = Clock.systemDefaultZone();
        List<Endpoint> smtpEndpoints = DefaultEndpoints.smtp(address(smtpBindAddress), smtpPort, submissionPort, smtpsPort);
        receiveConnectors = smtpEndpoints.stream().map(Endpoint::name).distinct()
                .map(n -> ConnectorRules.definition(smtpEndpoints.stream().filter(e -> e.name().equals(n)).findFirst()
                        .orElseThrow(), smtpEndpoints))
                .toList();
        manager.register(new ListenerSettings(Protocol.SMTP, smtpEnabled, 300, smtpEndpoints),
                (ctx, out) -> new SmtpSession(ctx, out, delivery, submitters, rates, knownRecipients, clock));
        List<Endpoint> pop3Endpoints = DefaultEndpoints.mailAccess(Protocol.POP3, address(pop3BindAddress), pop3Port,
                pop3sPort, ServiceRules.authPolicy(pop3LoginType));
        List<Endpoint> imapEndpoints = DefaultEndpoints.mailAccess(Protocol.IMAP, address(imapBindAddress), imapPort,
                imapsPort, ServiceRules.authPolicy(imapLoginType));
        synchronized (this) {
            serviceSettings.put(Protocol.POP3, ServiceRules.definition(pop3Endpoints));
            serviceSettings.put(Protocol.IMAP, ServiceRules.definition(imapEndpoints));
        }
        manager.register(new ListenerSettings(Protocol.POP3, pop3Enabled, 600, pop3Endpoints),
                (ctx, out) -> new Pop3Session(ctx, out, mailboxes, pop3Users, loginDelays));
        SharedFolderDeltas deltas = new SharedFolderDeltas(mailboxes);
        manager.onMailboxChange(deltas::changed);
        manager.register(new ListenerSettings(Protocol.IMAP, imapEnabled, 1800, imapEndpoints),
                (ctx, out) -> new ImapSession(ctx, out, mailboxes, imapUsers, deltas::since));
        manager.start();
        throttle = authThrottle;
        listeners = manager;
        LOG.info("LibertyMail resource adapter started");
    }

    @Override
    public void stop() {
        ListenerManager manager = listeners;
        if (manager != null) {
            manager.shutdown();
        }
        LOG.info("LibertyMail resource adapter stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        boolean wasEmpty = endpoints.isEmpty();
        endpoints.activate(factory);
        ListenerManager manager = listeners;
        if (wasEmpty && manager != null) {
            manager.start(); // re-binds after a shutdown caused by the last endpoint going away
        }
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        endpoints.deactivate(factory);
        ListenerManager manager = listeners;
        if (endpoints.isEmpty() && manager != null) {
            manager.shutdown();
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** The listeners, for the outbound connections. */
    ListenerManager listeners() {
        ListenerManager manager = listeners;
        if (manager == null) {
            throw new IllegalStateException("The resource adapter is not started");
        }
        return manager;
    }

    synchronized List<ReceiveConnector> receiveConnectors() {
        listeners(); // started?
        return receiveConnectors;
    }

    synchronized ListenerState applyReceiveConnectors(List<ReceiveConnector> connectors) {
        List<Endpoint> endpoints = connectors.stream().flatMap(c -> ConnectorRules.endpoints(c).stream()).toList();
        ListenerState state = listeners().applyEndpoints(Protocol.SMTP, endpoints);
        receiveConnectors = List.copyOf(connectors);
        return state;
    }

    synchronized ServiceSettings serviceSettings(Protocol protocol) {
        requireMailAccess(protocol);
        listeners();
        return serviceSettings.get(protocol);
    }

    synchronized ListenerState applyServiceSettings(Protocol protocol, ServiceSettings settings) {
        requireMailAccess(protocol);
        ListenerState state = listeners().applyEndpoints(protocol, ServiceRules.endpoints(protocol, settings));
        serviceSettings.put(protocol, settings);
        return state;
    }

    private static void requireMailAccess(Protocol protocol) {
        if (protocol == Protocol.SMTP) {
            throw new IllegalArgumentException("SMTP is configured by receive connectors");
        }
    }

    /** The SMTP listener's remembered RCPT answers, for the outbound connections. */
    RecipientCache knownRecipients() {
        return knownRecipients;
    }

    /** The login throttle, for the outbound connections. */
    AuthThrottle throttle() {
        AuthThrottle current = throttle;
        if (current == null) {
            throw new IllegalStateException("The resource adapter is not started");
        }
        return current;
    }

    private String address(String perProtocol) {
        return perProtocol == null || perProtocol.isBlank() ? bindAddress : perProtocol.strip();
    }

    private String serverName() {
        if (hostName != null && !hostName.isBlank()) {
            return hostName.strip();
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public String getHostName() {
        return hostName;
    }

    public void setHostName(String hostName) {
        this.hostName = hostName;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public String getSmtpBindAddress() {
        return smtpBindAddress;
    }

    public void setSmtpBindAddress(String smtpBindAddress) {
        this.smtpBindAddress = smtpBindAddress;
    }

    public String getPop3BindAddress() {
        return pop3BindAddress;
    }

    public void setPop3BindAddress(String pop3BindAddress) {
        this.pop3BindAddress = pop3BindAddress;
    }

    public String getImapBindAddress() {
        return imapBindAddress;
    }

    public void setImapBindAddress(String imapBindAddress) {
        this.imapBindAddress = imapBindAddress;
    }

    public Integer getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(Integer smtpPort) {
        this.smtpPort = smtpPort;
    }

    public Boolean getSmtpEnabled() {
        return smtpEnabled;
    }

    public void setSmtpEnabled(Boolean smtpEnabled) {
        this.smtpEnabled = smtpEnabled;
    }

    public Integer getPop3Port() {
        return pop3Port;
    }

    public void setPop3Port(Integer pop3Port) {
        this.pop3Port = pop3Port;
    }

    public Boolean getPop3Enabled() {
        return pop3Enabled;
    }

    public void setPop3Enabled(Boolean pop3Enabled) {
        this.pop3Enabled = pop3Enabled;
    }

    public Integer getImapPort() {
        return imapPort;
    }

    public void setImapPort(Integer imapPort) {
        this.imapPort = imapPort;
    }

    public Boolean getImapEnabled() {
        return imapEnabled;
    }

    public void setImapEnabled(Boolean imapEnabled) {
        this.imapEnabled = imapEnabled;
    }

    public Long getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(Long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Integer getMaxLineLength() {
        return maxLineLength;
    }

    public void setMaxLineLength(Integer maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    public Boolean getAllowPlaintextAuth() {
        return allowPlaintextAuth;
    }

    public void setAllowPlaintextAuth(Boolean allowPlaintextAuth) {
        this.allowPlaintextAuth = allowPlaintextAuth;
    }

    public Integer getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(Integer ioThreads) {
        this.ioThreads = ioThreads;
    }

    public Integer getSubmissionPort() {
        return submissionPort;
    }

    public void setSubmissionPort(Integer submissionPort) {
        this.submissionPort = submissionPort;
    }

    public Integer getSmtpsPort() {
        return smtpsPort;
    }

    public void setSmtpsPort(Integer smtpsPort) {
        this.smtpsPort = smtpsPort;
    }

    public Integer getPop3sPort() {
        return pop3sPort;
    }

    public void setPop3sPort(Integer pop3sPort) {
        this.pop3sPort = pop3sPort;
    }

    public Integer getImapsPort() {
        return imapsPort;
    }

    public void setImapsPort(Integer imapsPort) {
        this.imapsPort = imapsPort;
    }

    public String getPop3LoginType() {
        return pop3LoginType;
    }

    public void setPop3LoginType(String pop3LoginType) {
        this.pop3LoginType = pop3LoginType;
    }

    public String getImapLoginType() {
        return imapLoginType;
    }

    public void setImapLoginType(String imapLoginType) {
        this.imapLoginType = imapLoginType;
    }

    public String getTlsKeyStore() {
        return tlsKeyStore;
    }

    public void setTlsKeyStore(String tlsKeyStore) {
        this.tlsKeyStore = tlsKeyStore;
    }

    public String getTlsKeyStorePassword() {
        return tlsKeyStorePassword;
    }

    public void setTlsKeyStorePassword(String tlsKeyStorePassword) {
        this.tlsKeyStorePassword = tlsKeyStorePassword;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Integer getMaxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    public void setMaxConnectionsPerIp(Integer maxConnectionsPerIp) {
        this.maxConnectionsPerIp = maxConnectionsPerIp;
    }

    public Integer getMaxAuthFailuresPerAccount() {
        return maxAuthFailuresPerAccount;
    }

    public void setMaxAuthFailuresPerAccount(Integer maxAuthFailuresPerAccount) {
        this.maxAuthFailuresPerAccount = maxAuthFailuresPerAccount;
    }

    public Integer getMaxAuthFailuresPerIp() {
        return maxAuthFailuresPerIp;
    }

    public void setMaxAuthFailuresPerIp(Integer maxAuthFailuresPerIp) {
        this.maxAuthFailuresPerIp = maxAuthFailuresPerIp;
    }

    public Long getAuthLockoutSeconds() {
        return authLockoutSeconds;
    }

    public void setAuthLockoutSeconds(Long authLockoutSeconds) {
        this.authLockoutSeconds = authLockoutSeconds;
    }

    public Long getAuthTarpitMillis() {
        return authTarpitMillis;
    }

    public void setAuthTarpitMillis(Long authTarpitMillis) {
        this.authTarpitMillis = authTarpitMillis;
    }

    public Long getAuthMaxTarpitMillis() {
        return authMaxTarpitMillis;
    }

    public void setAuthMaxTarpitMillis(Long authMaxTarpitMillis) {
        this.authMaxTarpitMillis = authMaxTarpitMillis;
    }

    public String getProtocolLogDirectory() {
        return protocolLogDirectory;
    }

    public void setProtocolLogDirectory(String protocolLogDirectory) {
        this.protocolLogDirectory = protocolLogDirectory;
    }
}
