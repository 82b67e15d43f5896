package org.libertymail.adapter.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.libertymail.adapter.api.OutboundMessage;
import org.libertymail.adapter.api.OutboundRoute;
import org.libertymail.adapter.api.RecipientOutcome;

/** One attempt for one destination: the route's hosts (smart hosts or MX), then the SMTP session. */
public final class OutboundTransfer {
    private OutboundTransfer() {
    }

    public static List<List<RecipientOutcome>> run(String domain, OutboundRoute route, List<OutboundMessage> messages,
            SmtpRelayClient.TlsSockets tls) {
        List<HostAndPort> hosts;
        try {
            if (!route.smartHosts().isEmpty()) {
                hosts = route.smartHosts().stream().map(h -> HostAndPort.parse(h, route.port())).toList();
            } else {
                MxResolver resolver = new MxResolver(route.dnsServer(), Duration.ofSeconds(route.timeoutSeconds()));
                MxResolver.Answer answer = resolver.resolve(domain);
                if (answer.hosts().isEmpty()) {
                    return SmtpRelayClient.failAll(messages, 0, answer.status(), answer.error(), answer.permanentFailure(), null);
                }
                hosts = new ArrayList<>();
                for (String h : answer.hosts()) {
                    List<String> addresses = resolver.addresses(h);
                    if (addresses.isEmpty()) {
                        hosts.add(new HostAndPort(h, route.port()));
                    }
                    addresses.forEach(a -> hosts.add(new HostAndPort(h, route.port(), a)));
                }
            }
        } catch (IllegalArgumentException e) {
            return SmtpRelayClient.failAll(messages, 0, "4.4.0", "Bad smart host: " + e.getMessage(), false, null);
        }
        return new SmtpRelayClient(route, tls).send(hosts, messages);
    }
}
