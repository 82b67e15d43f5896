package org.libertymail.adapter.protocol.connector;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A range of source addresses, written as an address, a CIDR block ("192.0.2.0/24",
 * "2001:db8::/32") or "first-last". IPv4 and IPv6 ranges never contain each other's addresses,
 * except that an IPv4-mapped IPv6 client address is matched as IPv4.
 */
public record IpRange(BigInteger first, BigInteger last, int bytes, String text) {

    /** @throws IllegalArgumentException with a message fit for an administrator */
    public static IpRange parse(String text) {
        String t = text == null ? "" : text.strip();
        try {
            int slash = t.indexOf('/');
            int dash = t.indexOf('-');
            if (slash >= 0) {
                byte[] base = literal(t.substring(0, slash));
                int prefix = Integer.parseInt(t.substring(slash + 1));
                int bits = base.length * 8;
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
                }
                BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
                BigInteger first = new BigInteger(1, base).andNot(hostMask);
                return new IpRange(first, first.or(hostMask), base.length, t);
            }
            if (dash >= 0) {
                byte[] a = literal(t.substring(0, dash));
                byte[] b = literal(t.substring(dash + 1));
                if (a.length != b.length) {
                    throw new IllegalArgumentException("'" + text + "' mixes IPv4 and IPv6");
                }
                BigInteger first = new BigInteger(1, a);
                BigInteger last = new BigInteger(1, b);
                if (first.compareTo(last) > 0) {
                    throw new IllegalArgumentException("'" + text + "' ends before it starts");
                }
                return new IpRange(first, last, a.length, t);
            }
            byte[] one = literal(t);
            BigInteger value = new BigInteger(1, one);
            return new IpRange(value, value, one.length, t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address, a CIDR block or a range");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16 && bytes == 4 && isIpv4Mapped(raw)) {
            raw = Arrays.copyOfRange(raw, 12, 16);
        }
        if (raw.length != bytes) {
            return false;
        }
        BigInteger value = new BigInteger(1, raw);
        return value.compareTo(first) >= 0 && value.compareTo(last) <= 0;
    }

    /** How many addresses it holds: the smaller, the more specific. */
    public BigInteger size() {
        return last.subtract(first).add(BigInteger.ONE);
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }

    /** An IP literal only: no name is ever looked up. */
    static byte[] literal(String s) {
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address");
        }
        if (v4) {
            for (String part : t.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("'" + s + "' is not an IP address");
                }
            }
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
