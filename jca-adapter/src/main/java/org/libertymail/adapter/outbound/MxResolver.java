package org.libertymail.adapter.outbound;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Where mail for a domain goes (RFC 5321 5.1): its MX hosts by preference; without MX records
 * the domain itself; a null MX (RFC 7505) or a domain that does not exist is permanent.
 */
public final class MxResolver {
    private final String dnsServer;
    private final Duration timeout;

    /** @param dnsServer "host" or "host:port", or null for the system's resolvers */
    public MxResolver(String dnsServer, Duration timeout) {
        this.dnsServer = dnsServer == null || dnsServer.isBlank() ? null : dnsServer.strip();
        this.timeout = timeout;
    }

    /** The answer: hosts to try in order, or why there are none. */
    public record Answer(List<String> hosts, boolean permanentFailure, String status, String error) {
        static Answer of(List<String> hosts) {
            return new Answer(hosts, false, null, null);
        }

        static Answer failure(boolean permanent, String status, String error) {
            return new Answer(List.of(), permanent, status, error);
        }
    }

    public Answer resolve(String domain) {
        try {
            Lookup mx = lookup(domain, Type.MX);
            Record[] records = mx.run();
            switch (mx.getResult()) {
                case Lookup.SUCCESSFUL -> {
                    List<MXRecord> hosts = Arrays.stream(records).filter(MXRecord.class::isInstance).map(MXRecord.class::cast)
                            .sorted(Comparator.comparingInt(MXRecord::getPriority)).toList();
                    if (hosts.size() == 1 && hosts.get(0).getTarget().toString().equals(".")) {
                        return Answer.failure(true, "5.1.10", domain + " accepts no mail (null MX, RFC 7505)");
                    }
                    return Answer.of(hosts.stream().map(h -> trimDot(h.getTarget().toString())).toList());
                }
                case Lookup.TYPE_NOT_FOUND -> {
                    return Answer.of(List.of(domain)); // no MX: the domain's own A/AAAA (RFC 5321 5.1)
                }
                case Lookup.HOST_NOT_FOUND -> {
                    return Answer.failure(true, "5.1.2", "Domain " + domain + " does not exist");
                }
                default -> {
                    return Answer.failure(false, "4.4.3", "DNS lookup of " + domain + " failed: " + mx.getErrorString());
                }
            }
        } catch (TextParseException e) {
            return Answer.failure(true, "5.1.2", "'" + domain + "' is not a domain name");
        } catch (UnknownHostException e) {
            return Answer.failure(false, "4.4.3", "DNS server " + dnsServer + " unknown: " + e.getMessage());
        }
    }

    /**
     * The addresses of an MX host through the configured DNS server (IPv4 first), so that the
     * whole route follows it; empty when no server is configured (the JVM resolves the name).
     */
    public List<String> addresses(String host) {
        if (dnsServer == null) {
            return List.of();
        }
        List<String> found = new java.util.ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            try {
                Record[] records = lookup(host, type).run();
                if (records != null) {
                    for (Record r : records) {
                        if (r instanceof ARecord a) {
                            found.add(a.getAddress().getHostAddress());
                        } else if (r instanceof AAAARecord aaaa) {
                            found.add(aaaa.getAddress().getHostAddress());
                        }
                    }
                }
            } catch (TextParseException | UnknownHostException e) {
                return List.of();
            }
        }
        return found;
    }

    private Lookup lookup(String name, int type) throws TextParseException, UnknownHostException {
        Lookup lookup = new Lookup(name.endsWith(".") ? name : name + ".", type);
        if (dnsServer != null) {
            HostAndPort server = HostAndPort.parse(dnsServer, 53);
            SimpleResolver resolver = new SimpleResolver(server.host());
            resolver.setPort(server.port());
            resolver.setTimeout(timeout);
            lookup.setResolver((Resolver) resolver);
            lookup.setCache(null); // the configured server answers, not what the JVM remembered elsewhere
        }
        return lookup;
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
