package org.libertymail.adapter.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.OutboundMessage;
import org.libertymail.adapter.api.OutboundRoute;
import org.libertymail.adapter.api.RecipientOutcome;
import org.libertymail.adapter.support.FakeDnsServer;
import org.libertymail.adapter.support.FakeSmtpServer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;

/** Direct delivery: the destination's MX hosts, looked up with the configured DNS server. */
class MxDeliveryTest {
    private static List<List<RecipientOutcome>> send(String domain, String dns, int port) {
        OutboundRoute route = new OutboundRoute(List.of(), port, OutboundRoute.OutboundTls.OPPORTUNISTIC, false, null, null,
                "mx.local.test", null, dns, 5);
        OutboundMessage m = new OutboundMessage("ann@local.test", null, null,
                List.of(new EnvelopeRecipient("bob@" + domain, true, null, null)),
                MessageContent.of("Subject: mx\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)), null);
        return OutboundTransfer.run(domain, route, List.of(m), SmtpRelayClient.TlsSockets.standard());
    }

    @Test
    void mailGoesToTheMostPreferredMxThatAnswers() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer(); FakeSmtpServer remote = new FakeSmtpServer()) {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            dns.add(new MXRecord(FakeDnsServer.name("mx.test"), DClass.IN, 60, 20, FakeDnsServer.name("backup.mx.test")),
                    new MXRecord(FakeDnsServer.name("mx.test"), DClass.IN, 60, 10, FakeDnsServer.name("primary.mx.test")),
                    new ARecord(FakeDnsServer.name("primary.mx.test"), DClass.IN, 60, InetAddress.getByName("127.0.0.3")),
                    new ARecord(FakeDnsServer.name("backup.mx.test"), DClass.IN, 60, loopback));
            // The primary (127.0.0.3) has no server on the port: the backup takes the message.
            RecipientOutcome r = send("mx.test", dns.address(), remote.port()).get(0).get(0);
            assertTrue(r.delivered(), r.toString());
            assertEquals("backup.mx.test [127.0.0.1]", r.remoteHost());
        }
    }

    @Test
    void aDomainWithoutMxIsItsOwnHostAndAMissingDomainFailsForGood() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer(); FakeSmtpServer remote = new FakeSmtpServer()) {
            dns.add(new ARecord(FakeDnsServer.name("plain.test"), DClass.IN, 60, InetAddress.getByName("127.0.0.1")));
            RecipientOutcome direct = send("plain.test", dns.address(), remote.port()).get(0).get(0);
            assertTrue(direct.delivered(), direct.toString());

            RecipientOutcome missing = send("nowhere.test", dns.address(), remote.port()).get(0).get(0);
            assertEquals(List.of(false, true, "5.1.2"), List.of(missing.delivered(), missing.permanent(), missing.status()));
        }
    }

    @Test
    void aNullMxRefusesMailForGood() throws Exception {
        try (FakeDnsServer dns = new FakeDnsServer()) {
            dns.add(new MXRecord(FakeDnsServer.name("nomail.test"), DClass.IN, 60, 0, FakeDnsServer.name(".")));
            RecipientOutcome r = send("nomail.test", dns.address(), 25).get(0).get(0);
            assertEquals(List.of(false, true, "5.1.10"), List.of(r.delivered(), r.permanent(), r.status()));
        }
    }
}
