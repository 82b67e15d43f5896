package org.libertymail.adapter.protocol.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.ReceiveConnector;
import org.libertymail.adapter.protocol.Endpoint;

class ConnectorRulesTest {
    static ReceiveConnector connector(String name, String binding, String... ranges) {
        return new ReceiveConnector(name, true, List.of(binding), List.of(ranges), null, null,
                List.of(ReceiveConnector.TLS), false, List.of(ReceiveConnector.ANONYMOUS_USERS), 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 0, List.of());
    }

    static String field(ReceiveConnector c, List<ReceiveConnector> others, List<SocketBinding> taken) {
        return ConnectorRules.validate(c, others, taken).map(ConnectorRules.Problem::field).orElse(null);
    }

    @Test
    void eachBadFieldIsNamed() {
        ReceiveConnector ok = connector("relay", "0.0.0.0:2525", "192.0.2.0/24");
        assertEquals(null, field(ok, List.of(), List.of()));
        assertEquals("bindings", field(connector("x", "0.0.0.0:99999", "192.0.2.0/24"), List.of(), List.of()));
        assertEquals("remoteIpRanges", field(connector("x", "0.0.0.0:2525", "192.0.2.0/40"), List.of(), List.of()));
        assertEquals("name", field(connector("", "0.0.0.0:2525"), List.of(), List.of()));
        assertEquals("maxMessageSize", field(new ReceiveConnector("x", true, List.of("0.0.0.0:2525"), List.of(), null, null,
                List.of(ReceiveConnector.TLS), false, List.of(ReceiveConnector.ANONYMOUS_USERS), -1, 0, 0, 0, 0, false, 0, 0, 0, 0, 0, List.of()), List.of(), List.of()));
        assertEquals("bindings", field(ok, List.of(), List.of(new SocketBinding("127.0.0.1", 2525))), "port of another protocol");
        assertEquals("banner", field(new ReceiveConnector("x", true, List.of("0.0.0.0:2525"), List.of(), null,
                "ready\r\n250 injected", List.of(ReceiveConnector.TLS), false, List.of(ReceiveConnector.ANONYMOUS_USERS), 0, 0,
                0, 0, 0, false, 0, 0, 0, 0, 0, List.of()), List.of(), List.of()), "no line breaks in a greeting");
        assertEquals("authMechanisms", field(new ReceiveConnector("x", true, List.of("0.0.0.0:2525"), List.of(), null, null,
                List.of(ReceiveConnector.TLS), false, List.of(ReceiveConnector.MAILBOX_USERS), 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 0, List.of()), List.of(), List.of()),
                "MailboxUsers without any AUTH");
    }

    @Test
    void sharedBindingNeedsDifferentRangesAndClashingBindingsAreRefused() {
        ReceiveConnector all = connector("all", "0.0.0.0:2525", "0.0.0.0/0");
        assertEquals("remoteIpRanges", field(connector("same", "0.0.0.0:2525", "0.0.0.0/0"), List.of(all), List.of()));
        assertEquals(null, field(connector("lan", "0.0.0.0:2525", "192.0.2.0/24"), List.of(all), List.of()));
        assertEquals("bindings", field(connector("one", "127.0.0.1:2525", "0.0.0.0/0"), List.of(all), List.of()),
                "a specific address on a port the wildcard holds");
    }

    @Test
    void theMostSpecificRangeServesAClient() throws Exception {
        List<Endpoint> endpoints = List.of(
                ConnectorRules.endpoints(connector("all", "0.0.0.0:2525", "0.0.0.0/0")).get(0),
                ConnectorRules.endpoints(connector("lan", "0.0.0.0:2525", "192.0.2.0/24")).get(0),
                ConnectorRules.endpoints(connector("host", "0.0.0.0:2525", "192.0.2.7")).get(0));
        assertEquals("host", ConnectorRules.select(endpoints, InetAddress.getByName("192.0.2.7")).orElseThrow().name());
        assertEquals("lan", ConnectorRules.select(endpoints, InetAddress.getByName("192.0.2.8")).orElseThrow().name());
        assertEquals("all", ConnectorRules.select(endpoints, InetAddress.getByName("198.51.100.1")).orElseThrow().name());
        assertEquals(Optional.empty(), ConnectorRules.select(endpoints, InetAddress.getByName("::1")), "no IPv6 range");
    }

    @Test
    void mechanismsAndGroupsBecomeTheEndpointsRules() {
        Endpoint submission = ConnectorRules.endpoints(new ReceiveConnector("sub", true, List.of("[::]:587"), List.of(), "mx.example",
                "mx.example ready", List.of(ReceiveConnector.TLS, ReceiveConnector.BASIC_AUTH_REQUIRE_TLS), false,
                List.of(ReceiveConnector.MAILBOX_USERS), 1000, 5, 0, 0, 60, false, 0, 0, 0, 0, 0, List.of())).get(0);
        assertEquals("::", submission.bindAddress());
        assertTrue(submission.offerStartTls() && submission.submission() && !submission.anonymousDelivery());
        assertEquals(Endpoint.AuthPolicy.SECURE_ONLY, submission.auth());
        assertEquals("mx.example ready", submission.custom().banner());
        ReceiveConnector back = ConnectorRules.definition(submission, List.of(submission));
        assertEquals(List.of(ReceiveConnector.TLS, ReceiveConnector.BASIC_AUTH_REQUIRE_TLS), back.authMechanisms());
        assertEquals(List.of("[::]:587"), back.bindings());
    }
}
