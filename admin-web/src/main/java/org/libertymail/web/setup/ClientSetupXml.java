package org.libertymail.web.setup;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.libertymail.ejb.service.ClientSettings;

/** The XML of Thunderbird's autoconfig and Outlook's Autodiscover, from {@link ClientSettings}. */
final class ClientSetupXml {
    static final String AUTODISCOVER = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    static final String OUTLOOK = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    private ClientSetupXml() {
    }

    /** Thunderbird's clientConfig 1.1 (wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat). */
    static void autoconfig(XMLStreamWriter w, ClientSettings s) throws XMLStreamException {
        String domain = s.address().substring(s.address().indexOf('@') + 1);
        w.writeStartElement("clientConfig");
        w.writeAttribute("version", "1.1");
        w.writeStartElement("emailProvider");
        w.writeAttribute("id", domain);
        element(w, "domain", domain);
        element(w, "displayName", domain);
        element(w, "displayShortName", domain);
        servers(w, "incomingServer", "imap", s.imap());
        servers(w, "incomingServer", "pop3", s.pop3());
        servers(w, "outgoingServer", "smtp", s.smtp());
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void servers(XMLStreamWriter w, String element, String type, List<ClientSettings.Server> servers)
            throws XMLStreamException {
        for (ClientSettings.Server server : servers) {
            w.writeStartElement(element);
            w.writeAttribute("type", type);
            element(w, "hostname", server.host());
            element(w, "port", Integer.toString(server.port()));
            element(w, "socketType", server.encryption().equals("none") ? "plain" : server.encryption());
            element(w, "authentication", "password-cleartext");
            element(w, "username", "%EMAILADDRESS%");
            w.writeEndElement();
        }
    }

    /** Outlook's POX Autodiscover answer: one Protocol element per server, best first. */
    static void autodiscover(XMLStreamWriter w, ClientSettings s) throws XMLStreamException {
        w.writeStartElement("Autodiscover");
        w.writeDefaultNamespace(AUTODISCOVER);
        w.writeStartElement("Response");
        w.writeDefaultNamespace(OUTLOOK);
        w.writeStartElement("Account");
        element(w, "AccountType", "email");
        element(w, "Action", "settings");
        protocols(w, "IMAP", s.imap(), s.username());
        protocols(w, "POP3", s.pop3(), s.username());
        protocols(w, "SMTP", s.smtp(), s.username());
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void protocols(XMLStreamWriter w, String type, List<ClientSettings.Server> servers, String login)
            throws XMLStreamException {
        for (ClientSettings.Server server : servers) {
            w.writeStartElement("Protocol");
            element(w, "Type", type);
            element(w, "Server", server.host());
            element(w, "Port", Integer.toString(server.port()));
            element(w, "DomainRequired", "off");
            element(w, "LoginName", login);
            element(w, "SPA", "off");
            element(w, "SSL", server.encryption().equals("none") ? "off" : "on");
            if (!server.encryption().equals("none")) {
                // "SSL": TLS from the first byte; "TLS": STARTTLS
                element(w, "Encryption", server.encryption().equals("SSL") ? "SSL" : "TLS");
            }
            element(w, "AuthRequired", "on");
            if (type.equals("SMTP")) {
                element(w, "UsePOPAuth", "on");
            }
            w.writeEndElement();
        }
    }

    /** Autodiscover's answer to an address it does not serve (error 600, "Invalid Request"). */
    static void autodiscoverError(XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement("Autodiscover");
        w.writeDefaultNamespace(AUTODISCOVER);
        w.writeStartElement("Response");
        w.writeStartElement("Error");
        w.writeAttribute("Time", LocalTime.now(ZoneOffset.UTC).withNano(0).toString());
        element(w, "ErrorCode", "600");
        element(w, "Message", "Invalid Request");
        element(w, "DebugData", "");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
