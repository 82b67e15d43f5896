package org.libertymail.adapter.ra;

import java.util.ArrayList;
import java.util.List;

import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.protocol.Endpoint;

/**
 * The bindings a server has from its configuration: SMTP on 25 for anyone delivering to local
 * mailboxes, submission on 587 (STARTTLS, then AUTH) and 465 (implicit TLS, AUTH); POP3 and
 * IMAP each on a plain port with STARTTLS and an implicit-TLS port. A port of 0 leaves that
 * binding out.
 */
final class DefaultEndpoints {
    private DefaultEndpoints() {
    }

    static List<Endpoint> smtp(String address, int mxPort, int submissionPort, int smtpsPort) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (mxPort > 0) {
            endpoints.add(Endpoint.mx("smtp", address, mxPort));
        }
        if (submissionPort > 0) {
            endpoints.add(Endpoint.submission("submission", address, submissionPort, false));
        }
        if (smtpsPort > 0) {
            endpoints.add(Endpoint.submission("smtps", address, smtpsPort, true));
        }
        return endpoints;
    }

    static List<Endpoint> mailAccess(Protocol protocol, String address, int plainPort, int tlsPort,
            Endpoint.AuthPolicy auth) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (plainPort > 0) {
            endpoints.add(Endpoint.mailAccess(protocol.id(), protocol, address, plainPort, false, auth));
        }
        if (tlsPort > 0) {
            endpoints.add(Endpoint.mailAccess(protocol.id() + "s", protocol, address, tlsPort, true, auth));
        }
        return endpoints;
    }
}
