package org.libertymail.adapter.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.OutboundMessage;
import org.libertymail.adapter.api.OutboundRoute;
import org.libertymail.adapter.api.OutboundRoute.OutboundTls;
import org.libertymail.adapter.api.RecipientOutcome;
import org.libertymail.adapter.support.FakeSmtpServer;

class SmtpRelayClientTest {
    private FakeSmtpServer remote;

    @BeforeEach
    void start() throws Exception {
        remote = new FakeSmtpServer();
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
    }

    private OutboundRoute route(OutboundTls tls, String user, String password, String... hosts) {
        return new OutboundRoute(List.of(hosts), 25, tls, false, user, password, "mx.local.test", null, null, 10);
    }

    private static OutboundMessage message(String text, EnvelopeRecipient... to) {
        return new OutboundMessage("ann@local.test", "env-1", "HDRS", List.of(to),
                MessageContent.of(text.getBytes(StandardCharsets.US_ASCII)), null);
    }

    private static EnvelopeRecipient to(String address) {
        return new EnvelopeRecipient(address, true, null, null);
    }

    private List<List<RecipientOutcome>> send(OutboundRoute route, OutboundMessage... messages) {
        return OutboundTransfer.run("remote.test", route, List.of(messages), SmtpRelayClient.TlsSockets.standard());
    }

    @Test
    void severalMessagesGoOverOneConnectionWithTheirDsnParameters() {
        EnvelopeRecipient bob = new EnvelopeRecipient("bob@remote.test", true, "SUCCESS,FAILURE", "rfc822;bob@remote.test");
        List<List<RecipientOutcome>> results = send(route(OutboundTls.OPPORTUNISTIC, null, null, "127.0.0.1:" + remote.port()),
                message("Subject: one\r\n\r\n.leading dot\r\nlast line without end", bob),
                message("Subject: two\r\n\r\nx\r\n", to("carl@remote.test")));
        assertTrue(results.get(0).get(0).delivered() && results.get(1).get(0).delivered(), results.toString());
        assertEquals("127.0.0.1 [127.0.0.1]", results.get(0).get(0).remoteHost());
        assertEquals(1, remote.connections.get(), "one connection for the destination");
        assertEquals(2, remote.received.size());
        assertEquals("Subject: one\r\n\r\n.leading dot\r\nlast line without end\r\n", remote.received.get(0).text());
        assertTrue(remote.commands.contains("MAIL FROM:<ann@local.test> SIZE=51 BODY=8BITMIME RET=HDRS ENVID=env-1"),
                remote.commands.toString());
        assertTrue(remote.commands.contains("RCPT TO:<bob@remote.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@remote.test"),
                remote.commands.toString());
        assertEquals("QUIT", remote.commands.get(remote.commands.size() - 1));
    }

    @Test
    void eachRecipientGetsItsOwnOutcome() {
        remote.rcptReply = line -> line.contains("gone@") ? "550 5.1.1 No such user"
                : line.contains("full@") ? "452 4.2.2 Mailbox full" : "250 2.1.5 Ok";
        List<RecipientOutcome> r = send(route(OutboundTls.NONE, null, null, "127.0.0.1:" + remote.port()),
                message("x\r\n", to("ok@remote.test"), to("gone@remote.test"), to("full@remote.test"))).get(0);
        assertTrue(r.get(0).delivered());
        assertEquals(List.of(false, true, 550, "5.1.1"), List.of(r.get(1).delivered(), r.get(1).permanent(), r.get(1).code(),
                r.get(1).status()));
        assertEquals(List.of(false, false, 452, "4.2.2"), List.of(r.get(2).delivered(), r.get(2).permanent(), r.get(2).code(),
                r.get(2).status()));
        assertEquals(List.of("<ok@remote.test>"), remote.received.get(0).rcptTo());
    }

    @Test
    void aRefusedDataEndDecidesForEveryAcceptedRecipient() {
        remote.dataReply = "554 5.6.0 Message refused";
        RecipientOutcome r = send(route(OutboundTls.NONE, null, null, "127.0.0.1:" + remote.port()), message("x\r\n",
                to("a@remote.test"))).get(0).get(0);
        assertEquals(List.of(false, true, "5.6.0"), List.of(r.delivered(), r.permanent(), r.status()));
    }

    @Test
    void anUnreachableOrBusyHostIsPassedOverForTheNext() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        remote.refuseFirstConnections = 1;
        try (FakeSmtpServer busy = new FakeSmtpServer()) {
            busy.refuseFirstConnections = 1;
            RecipientOutcome r = send(route(OutboundTls.NONE, null, null, "127.0.0.1:" + closed, "127.0.0.1:" + busy.port(),
                    "127.0.0.1:" + remote.port()), message("x\r\n", to("a@remote.test"))).get(0).get(0);
            assertFalse(r.delivered(), "the third host refused its first session too");
            assertEquals(List.of(false, 421, "4.3.2"), List.of(r.permanent(), r.code(), r.status()));
        }
        RecipientOutcome again = send(route(OutboundTls.NONE, null, null, "127.0.0.1:" + closed, "127.0.0.1:" + remote.port()),
                message("x\r\n", to("a@remote.test"))).get(0).get(0);
        assertTrue(again.delivered(), again.toString());

        RecipientOutcome none = send(route(OutboundTls.NONE, null, null, "127.0.0.1:" + closed), message("x\r\n",
                to("a@remote.test"))).get(0).get(0);
        assertEquals(List.of(false, false, 0, "4.4.1"), List.of(none.delivered(), none.permanent(), none.code(), none.status()));
        assertTrue(none.text().contains("ConnectException"), none.text());
    }

    @Test
    void requiredTlsThatIsNotOfferedSendsNothing() {
        RecipientOutcome r = send(route(OutboundTls.REQUIRED, null, null, "127.0.0.1:" + remote.port()), message("x\r\n",
                to("a@remote.test"))).get(0).get(0);
        assertEquals(List.of(false, false, "4.7.5"), List.of(r.delivered(), r.permanent(), r.status()));
        assertTrue(remote.commands.stream().noneMatch(c -> c.startsWith("MAIL")), remote.commands.toString());
    }

    @Test
    void aSmartHostIsLoggedInto() {
        remote.credentials = "relay-user:relay-secret";
        RecipientOutcome ok = send(route(OutboundTls.NONE, "relay-user", "relay-secret", "127.0.0.1:" + remote.port()),
                message("x\r\n", to("a@remote.test"))).get(0).get(0);
        assertTrue(ok.delivered(), ok.toString());
        assertEquals("relay-user", remote.received.get(0).auth());
        RecipientOutcome wrong = send(route(OutboundTls.NONE, "relay-user", "wrong", "127.0.0.1:" + remote.port()),
                message("x\r\n", to("a@remote.test"))).get(0).get(0);
        assertEquals(List.of(false, false, "4.7.0"), List.of(wrong.delivered(), wrong.permanent(), wrong.status()));
    }

    @Test
    void dotStuffingDoublesLeadingDotsAndEndsWithCrLf() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffing.copy(new ByteArrayInputStream(".a\r\nb\n.\r\nc".getBytes(StandardCharsets.US_ASCII)), out);
        assertEquals("..a\r\nb\r\n..\r\nc\r\n", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void hostsAreParsedWithTheirPorts() {
        assertEquals(new HostAndPort("relay.example", 587), HostAndPort.parse("relay.example:587", 25));
        assertEquals(new HostAndPort("relay.example", 25), HostAndPort.parse("relay.example", 25));
        assertEquals(new HostAndPort("2001:db8::1", 2525), HostAndPort.parse("[2001:db8::1]:2525", 25));
        assertEquals("5.1.1", EnhancedStatus.of(550, "5.1.1 nope"));
        assertEquals("4.0.0", EnhancedStatus.of(450, "5.1.1 says five but is four"));
    }
}
