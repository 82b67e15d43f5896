package org.libertymail.adapter.protocol.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class IpRangeTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void addressCidrAndDashRangesMatchTheirAddressesOnly() throws Exception {
        assertTrue(IpRange.parse("192.0.2.7").contains(ip("192.0.2.7")));
        assertFalse(IpRange.parse("192.0.2.7").contains(ip("192.0.2.8")));
        IpRange net = IpRange.parse("192.0.2.0/24");
        assertTrue(net.contains(ip("192.0.2.255")) && !net.contains(ip("192.0.3.0")));
        assertEquals(BigInteger.valueOf(256), net.size());
        IpRange span = IpRange.parse("10.0.0.5-10.0.1.4");
        assertTrue(span.contains(ip("10.0.0.200")) && !span.contains(ip("10.0.1.5")));
        assertTrue(IpRange.parse("2001:db8::/32").contains(ip("2001:db8:1::1")));
        assertFalse(IpRange.parse("0.0.0.0/0").contains(ip("::1")), "families do not mix");
        assertTrue(IpRange.parse("127.0.0.0/8").contains(ip("::ffff:127.0.0.1")), "IPv4-mapped clients match IPv4");
    }

    @Test
    void malformedRangesAreRefusedWithoutLookingUpNames() {
        for (String bad : new String[] {"", "example.com", "192.0.2.0/33", "10.0.0.9-10.0.0.1", "300.1.1.1", "1.2.3.4-::1", "1.2.3/8"}) {
            assertThrows(IllegalArgumentException.class, () -> IpRange.parse(bad), bad);
        }
    }
}
