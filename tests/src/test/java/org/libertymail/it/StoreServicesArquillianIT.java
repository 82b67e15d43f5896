package org.libertymail.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.libertymail.adapter.api.ApopDigest;
import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.LoginResult;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageStructure;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.Placement;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.ejb.service.BodyStore;
import org.libertymail.ejb.service.ChangeFeed;
import org.libertymail.ejb.service.ClientSettingsService;
import org.libertymail.ejb.service.DeliveryBatcher;
import org.libertymail.ejb.service.DeliveryRequest;
import org.libertymail.ejb.service.DeliveryService;
import org.libertymail.ejb.service.DomainService;
import org.libertymail.ejb.service.FilingService;
import org.libertymail.ejb.service.FolderRef;
import org.libertymail.ejb.service.ListenerConfigurationRestorer;
import org.libertymail.ejb.service.LockoutService;
import org.libertymail.ejb.service.MailboxService;
import org.libertymail.ejb.service.MailboxView;
import org.libertymail.ejb.service.MessageStore;
import org.libertymail.ejb.service.OutboundDispatcher;
import org.libertymail.ejb.service.ProtocolService;
import org.libertymail.ejb.service.ProtocolStateRestorer;
import org.libertymail.ejb.service.PublicFolderService;
import org.libertymail.ejb.service.ReceiveConnectorService;
import org.libertymail.ejb.service.ReceiveConnectorStore;
import org.libertymail.ejb.service.ServiceSettingsService;
import org.libertymail.ejb.service.ServiceSettingsStore;
import org.libertymail.ejb.service.TextIndex;
import org.libertymail.ejb.service.VerificationRuns;
import org.libertymail.ejb.service.VerificationService;

/**
 * In-container tests of the EJB services and the JPA store (Arquillian, Liberty managed
 * container, {@code @EJB} injection): shared bodies and their reference counts, group-committed
 * concurrent deliveries, quotas inside one batch, and reading bodies in ranges. The deployment
 * is the services without the resource adapter, which only the shipped server.xml configures.
 */
@ExtendWith(ArquillianExtension.class)
class StoreServicesArquillianIT {
    private static final String PASSWORD = "arquillian-secret";

    @Deployment
    static WebArchive deployment() throws URISyntaxException {
        return ShrinkWrap.create(WebArchive.class, "store-services.war")
                .addPackage("org.libertymail.ejb.store")
                .addPackage("org.libertymail.ejb.service")
                // They command the resource adapter, which this deployment has not got (nor JSON-B).
                .deleteClasses(ProtocolService.class, ProtocolStateRestorer.class, LockoutService.class,
                        ReceiveConnectorService.class, ListenerConfigurationRestorer.class, ReceiveConnectorStore.class,
                        ServiceSettingsService.class, ServiceSettingsStore.class, ChangeFeed.class, ClientSettingsService.class,
                        VerificationService.class, VerificationRuns.class, OutboundDispatcher.class,
                        // Lucene is not in this deployment; ImapSearchIT tests the index end to end
                        TextIndex.class)
                // ChangeFeed's listener uses the PostgreSQL driver's API, which only the application gets
                .deleteClass("org.libertymail.ejb.service.PostgresChangeListener")
                // Jakarta Mail is not in this deployment; VerificationIT probes end to end
                .deleteClass("org.libertymail.ejb.service.ConnectivityProbes")
                .addPackage("org.libertymail.adapter.api")
                // the outbound queue's reports and the send connectors' host names (not their network code)
                .addPackage("org.libertymail.adapter.mime")
                .addPackage("org.libertymail.adapter.outbound")
                .addClass(StoreServicesArquillianIT.class)
                .addAsResource("META-INF/persistence.xml")
                .addAsResource("db/migration/V1__mail_store.sql")
                .addAsResource("db/migration/V2__listener_configuration.sql")
                .addAsResource("db/migration/V3__folder_management.sql")
                .addAsResource("db/migration/V4__message_structure.sql")
                .addAsResource("db/migration/V5__modification_sequences.sql")
                .addAsResource("db/migration/V6__change_journal.sql")
                .addAsResource("db/migration/V7__public_folders.sql")
                .addAsResource("db/migration/V8__mailbox_access.sql")
                .addAsResource("db/migration/V9__maildrop_lock.sql")
                .addAsResource("db/migration/V10__retrieval_formats.sql")
                .addAsResource("db/migration/V11__audit_log.sql")
                .addAsResource("db/migration/V12__verification_runs.sql")
                .addAsResource("db/migration/V13__hidden_folders.sql")
                .addAsResource("db/migration/V14__imap_retrieval.sql")
                .addAsResource("db/migration/V15__mailbox_aliases.sql")
                .addAsResource("db/migration/V16__outbound_queue.sql")
                .addAsResource("db/migration/V17__dkim_keys.sql")
                .addAsResource("db/migration/V18__outbound_indexes.sql")
                .addAsResource("db/migration/flyway.location")
                .addAsResource("db/callback/flyway.location")
                .addAsLibraries(jarOf(org.flywaydb.core.Flyway.class),
                        jarOf(org.flywaydb.database.hsqldb.HSQLDBDatabaseType.class),
                        jarOf(com.fasterxml.jackson.databind.ObjectMapper.class),
                        jarOf(com.fasterxml.jackson.core.JsonFactory.class),
                        jarOf(com.fasterxml.jackson.annotation.JsonProperty.class))
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private static java.io.File jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile();
    }

    @EJB
    DomainService domains;

    @EJB
    MailboxService mailboxes;

    @EJB
    DeliveryService delivery;

    @EJB
    DeliveryBatcher batcher;

    @EJB
    MessageStore store;

    @EJB
    PublicFolderService publicFolders;

    @EJB
    FilingService filing;

    @Resource(lookup = "jdbc/mailserver")
    DataSource dataSource;

    private static String domain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".arquillian.test";
    }

    private static MessageContent content(String text) {
        return MessageContent.of(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void oneBodyServesEveryRecipientAndGoesWithTheLastCopy() throws Exception {
        String d = domain();
        domains.create(d);
        List<String> to = List.of("a@" + d, "b@" + d, "c@" + d);
        to.forEach(a -> mailboxes.create(a, PASSWORD));

        DeliveryReceipt receipt = delivery.deliverAll(List.of(new DeliveryRequest("s@x.example", to, content("Subject: shared\r\n\r\nx\r\n")))).get(0);
        assertEquals(DeliveryReceipt.Outcome.STORED, receipt.outcome());
        long body = bodyOf(to.get(0));
        assertEquals(3, refCount(body), "one body, referenced by three messages");
        for (String a : to) {
            assertEquals(body, bodyOf(a));
        }
        store.delete(to.get(0), "INBOX", List.of(1L));
        store.delete(to.get(1), "INBOX", List.of(1L));
        assertEquals(1, refCount(body));
        store.delete(to.get(2), "INBOX", List.of(1L));
        assertNull(refCountOrNull(body), "the body went with its last message");
        assertEquals(0, count("SELECT COUNT(*) FROM MAIL_BODY_CHUNK WHERE BODY_ID = ?", body), "and its chunks too");
    }

    @Test
    void renditionSizesAreKeptPerSharedBodyAndGoWithIt() throws Exception {
        String d = domain();
        domains.create(d);
        List<String> to = List.of("r1@" + d, "r2@" + d);
        to.forEach(a -> mailboxes.create(a, PASSWORD));
        delivery.deliverAll(List.of(new DeliveryRequest("s@x.example", to, content("Subject: r\r\n\r\nr\r\n"))));
        long body = bodyOf(to.get(0));
        store.rememberRenditionSizes(to.get(0), "INBOX", "TextOnly", Map.of(1L, 123L));
        assertEquals(Map.of(1L, 123L), store.renditionSizes(to.get(1), "INBOX", "TextOnly"), "kept by the shared body");
        store.rememberRenditionSizes(to.get(1), "INBOX", "TextOnly", Map.of(1L, 123L)); // known already: no second row
        assertEquals(Map.of(), store.renditionSizes(to.get(0), "INBOX", "HtmlOnly"));
        assertEquals(1, count("SELECT COUNT(*) FROM MAIL_RENDITION WHERE BODY_ID = ?", body));
        store.delete(to.get(0), "INBOX", List.of(1L));
        store.delete(to.get(1), "INBOX", List.of(1L));
        assertEquals(0, count("SELECT COUNT(*) FROM MAIL_RENDITION WHERE BODY_ID = ?", body), "gone with the body");
    }

    @Test
    void anApopSecretIsStoredSealedAndChecksTheDigest() throws Exception {
        String d = domain();
        domains.create(d);
        String a = "apop@" + d;
        mailboxes.create(a, PASSWORD);
        String timestamp = "<1.2@arquillian.test>";
        assertFalse(mailboxes.authenticateApop(a, timestamp, ApopDigest.of(timestamp, PASSWORD)).succeeded(),
                "no secret: no APOP");
        mailboxes.setApopSecret(a, "apop secret 1");
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT APOP_SECRET FROM MAILBOX WHERE ADDRESS = ?")) {
            q.setString(1, a);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).startsWith("{aesgcm}") && !rs.getString(1).contains("apop secret"), rs.getString(1));
            }
        }
        assertEquals(a, mailboxes.authenticateApop(a, timestamp, ApopDigest.of(timestamp, "apop secret 1")).account());
        assertFalse(mailboxes.authenticateApop(a, timestamp, ApopDigest.of(timestamp, "apop secret 2")).succeeded());
        assertFalse(mailboxes.authenticateApop(a, "<other@x>", ApopDigest.of(timestamp, "apop secret 1")).succeeded());
    }

    @Test
    void concurrentDeliveriesGetUniqueAscendingUidsAndExactCounters() throws Exception {
        String d = domain();
        domains.create(d);
        List<String> boxes = List.of("x@" + d, "y@" + d);
        boxes.forEach(a -> mailboxes.create(a, PASSWORD));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<DeliveryReceipt>> receipts = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            List<String> to = i % 3 == 0 ? boxes : List.of(boxes.get(i % 2));
            receipts.add(pool.submit(() -> batcher.deliver(new DeliveryRequest("s@x.example", to, content("Subject: c\r\n\r\nc\r\n")))));
        }
        int copies = 0;
        for (Future<DeliveryReceipt> r : receipts) {
            copies += r.get().copies();
        }
        pool.shutdown();
        int seen = 0;
        for (String box : boxes) {
            FolderSnapshot inbox = store.openFolder(box, "INBOX", false);
            long previous = 0;
            for (MessageSummary m : inbox.messages()) {
                assertEquals(previous + 1, m.uid(), box + ": UIDs ascend without gaps");
                previous = m.uid();
            }
            assertEquals(previous + 1, inbox.uidNext());
            assertEquals(inbox.messages().size(), mailboxes.get(box).usage().messages());
            seen += inbox.messages().size();
        }
        assertEquals(copies, seen);
    }

    @Test
    void quotaRefusesOnlyTheDeliveryThatWouldOverflowInABatch() {
        String d = domain();
        domains.create(d, null, 1L);
        String box = "q@" + d;
        mailboxes.create(box, PASSWORD);
        List<DeliveryReceipt> receipts = delivery.deliverAll(List.of(
                new DeliveryRequest("s@x.example", List.of(box), content("Subject: 1\r\n\r\n1\r\n")),
                new DeliveryRequest("s@x.example", List.of(box), content("Subject: 2\r\n\r\n2\r\n"))));
        assertEquals(DeliveryReceipt.Outcome.STORED, receipts.get(0).outcome());
        assertEquals(DeliveryReceipt.Outcome.OVER_QUOTA, receipts.get(1).outcome());
        assertEquals(1, mailboxes.get(box).usage().messages());
    }

    @Test
    void largeBodiesAreStoredInChunksAndReadBackInRanges() {
        String box = newMailbox("l");
        StringBuilder text = new StringBuilder("Subject: large\r\n\r\n");
        while (text.length() < MailboxAccessListener.INLINE_CONTENT_LIMIT + 1000) {
            text.append("0123456789abcdefghijklmnopqrstuvwxyz\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        delivery.deliverAll(List.of(new DeliveryRequest("s@x.example", List.of(box), MessageContent.of(bytes))));
        int from = BodyStore.CHUNK_SIZE - 10;
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, from, from + 2 * BodyStore.CHUNK_SIZE),
                store.readContent(box, "INBOX", 1, from, 2 * BodyStore.CHUNK_SIZE), "a range across three chunks");
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length),
                store.readContent(box, "INBOX", 1, bytes.length - 5, 100), "the end of the body");
        assertTrue(store.fetch(box, "INBOX", List.of(1L), MessageLoad.CONTENT).get(0).content() == null, "too large to come inline");
    }

    @Test
    void theHeaderAndStructureGivenWithABodyComeBackWithoutItsContent() {
        String box = newMailbox("s");
        byte[] bytes = "Subject: kept\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] header = java.util.Arrays.copyOf(bytes, 15);
        MessageStructure structure = new MessageStructure("(ENVELOPE)".getBytes(StandardCharsets.US_ASCII),
                "(BODYSTRUCTURE)".getBytes(StandardCharsets.US_ASCII), "(BODY)".getBytes(StandardCharsets.US_ASCII),
                List.of(new MessageStructure.PartRange("", 0, 0, bytes.length, 15)));
        MessageContent content = new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public java.io.InputStream open() {
                return new java.io.ByteArrayInputStream(bytes);
            }

            @Override
            public byte[] header() {
                return header;
            }

            @Override
            public MessageStructure structure() {
                return structure;
            }
        };
        delivery.deliverAll(List.of(new DeliveryRequest("s@x.example", List.of(box), content)));
        MessageData fetched = store.fetch(box, "INBOX", List.of(1L), MessageLoad.STRUCTURE).get(0);
        assertTrue(fetched.content() == null, "no content asked for");
        assertArrayEquals(header, fetched.header());
        assertArrayEquals(structure.bodyStructure(), fetched.structure().bodyStructure());
        assertEquals(structure.parts(), fetched.structure().parts());
        MessageData summary = store.fetch(box, "INBOX", List.of(1L), MessageLoad.SUMMARY).get(0);
        assertTrue(summary.header() == null && summary.structure() == null, "only asked for the summary");
    }

    @Test
    void everyChangeTakesTheFolderNextModseqAndRemovalsAreRemembered() {
        String box = newMailbox("m");
        delivery.deliverAll(List.of(new DeliveryRequest("s@x.example", List.of(box), content("Subject: 1\r\n\r\n1\r\n")),
                new DeliveryRequest("s@x.example", List.of(box), content("Subject: 2\r\n\r\n2\r\n"))));
        long known = store.openFolder(box, "INBOX", false).highestModseq();
        assertTrue(store.changesSince(box, "INBOX", known, 2).changed().isEmpty(), "nothing new");
        store.storeFlags(box, "INBOX", List.of(1L), org.libertymail.adapter.api.FlagOperation.ADD, java.util.Set.of("\\Deleted"),
                known);
        store.storeFlags(box, "INBOX", List.of(2L), org.libertymail.adapter.api.FlagOperation.ADD, java.util.Set.of("\\Seen"),
                MailboxAccessListener.UNCONDITIONAL);
        assertEquals(List.of(1L), store.expunge(box, "INBOX"));
        org.libertymail.adapter.api.FolderDelta delta = store.changesSince(box, "INBOX", known, 2);
        assertEquals(known + 3, delta.highestModseq());
        assertEquals(List.of(2L), delta.changed().stream().map(MessageSummary::uid).toList());
        assertEquals(known + 2, delta.changed().get(0).modseq());
        assertEquals(List.of(1L), delta.expunged());
        assertTrue(store.changesSince(box, "INBOX", known + 3, 2).expunged().isEmpty());
        org.libertymail.adapter.api.FlagUpdate refused = store.storeFlags(box, "INBOX", List.of(2L),
                org.libertymail.adapter.api.FlagOperation.ADD, java.util.Set.of("\\Flagged"), known);
        assertEquals(List.of(2L), refused.modified(), "changed after the modseq the client knew");
        assertEquals(java.util.Set.of("\\Seen"), refused.messages().get(0).flags());
    }

    /** A mailbox in a domain of its own, so tests never share one. */
    private String newMailbox(String local) {
        String d = domain();
        domains.create(d);
        String box = local + "@" + d;
        mailboxes.create(box, PASSWORD);
        return box;
    }

    private long bodyOf(String address) throws SQLException {
        return count("SELECT m.BODY_ID FROM MAIL_MESSAGE m JOIN MAIL_FOLDER f ON f.ID = m.FOLDER_ID "
                + "JOIN MAILBOX b ON b.ID = f.MAILBOX_ID WHERE b.ADDRESS = ?", address);
    }

    private long refCount(long body) throws SQLException {
        return count("SELECT REF_COUNT FROM MAIL_BODY WHERE ID = ?", body);
    }

    private Long refCountOrNull(long body) throws SQLException {
        return query("SELECT REF_COUNT FROM MAIL_BODY WHERE ID = ?", body);
    }

    private long count(String sql, Object parameter) throws SQLException {
        Long value = query(sql, parameter);
        return value == null ? 0 : value;
    }

    private Long query(String sql, Object parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    @Test
    void publicFolderRightsAreTheUnionOfGrantsAndGoWithTheGrantee() throws Exception {
        String d = domain();
        domains.create(d);
        String a = "a@" + d;
        String b = "b@" + d;
        mailboxes.create(a, PASSWORD);
        mailboxes.create(b, PASSWORD);
        String name = "P" + UUID.randomUUID().toString().substring(0, 8);
        publicFolders.create(name + "/Inner", Map.of("@" + d, "read", a, "lit"));
        String client = PublicFolders.PREFIX + name + "/Inner";
        assertEquals(new FolderRef(PublicFolders.OWNER, name + "/Inner", "lrit"), publicFolders.resolve(a, client));
        assertEquals("lr", publicFolders.resolve(b, client).rights());
        assertNull(publicFolders.resolve(a, PublicFolders.PREFIX + name), "a superior without grants is no folder to them");
        assertEquals(List.of(new FolderInfo(PublicFolders.ROOT, null, false),
                new FolderInfo(PublicFolders.PREFIX + name, null, false), new FolderInfo(client)),
                publicFolders.visible(b).stream().filter(f -> f.name().equals(PublicFolders.ROOT) || f.name().contains(name)).toList());

        // A copy from a's INBOX lands in the public store and counts there, not against a.
        delivery.deliverAll(List.of(new DeliveryRequest("s@x.example", List.of(a), content("Subject: p\r\n\r\np\r\n"))));
        Placement placed = filing.copy(a, "INBOX", List.of(1L), PublicFolders.OWNER, name + "/Inner", false);
        assertEquals(List.of(1L), placed.uids());
        assertEquals(1, store.openFolder(PublicFolders.OWNER, name + "/Inner", false).messages().size());

        mailboxes.delete(a);
        assertEquals(Map.of("@" + d, "lr"), publicFolders.get(name + "/Inner").permissions(),
                "a deleted mailbox's grants go with it");
        Long folderId = query("SELECT f.ID FROM MAIL_FOLDER f JOIN MAILBOX b ON b.ID = f.MAILBOX_ID WHERE b.ADDRESS = '"
                + PublicFolders.OWNER + "' AND f.NAME = ?", name + "/Inner");
        assertEquals(1, count("SELECT COUNT(*) FROM FOLDER_ACL WHERE FOLDER_ID = ?", folderId));
        publicFolders.delete(name + "/Inner");
        assertEquals(0, count("SELECT COUNT(*) FROM FOLDER_ACL WHERE FOLDER_ID = ?", folderId), "the grants go with the folder");
    }

    @Test
    void aDisabledMailboxOrProtocolIsRefusedOnlyToTheRightPassword() {
        String d = domain();
        domains.create(d);
        String a = "a@" + d;
        mailboxes.create(a, PASSWORD);
        mailboxes.setAccess(a, null, false, null, null);
        assertEquals(LoginResult.Refusal.PROTOCOL_DISABLED, mailboxes.authenticate(a, PASSWORD, Protocol.POP3).refusal());
        assertEquals(LoginResult.Refusal.CREDENTIALS, mailboxes.authenticate(a, "wrong password", Protocol.POP3).refusal());
        assertEquals(a, mailboxes.authenticate(a, PASSWORD, Protocol.IMAP).account());
        mailboxes.setAccess(a, false, true, null, null);
        assertEquals(LoginResult.Refusal.MAILBOX_DISABLED, mailboxes.authenticate(a, PASSWORD, Protocol.SMTP).refusal());
        assertEquals(new MailboxView.Access(false, new MailboxView.Protocols(true, true, true)), mailboxes.get(a).access());
    }
}
