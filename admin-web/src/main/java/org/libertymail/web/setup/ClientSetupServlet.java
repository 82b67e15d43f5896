package org.libertymail.web.setup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.libertymail.ejb.service.ClientSettings;
import org.libertymail.ejb.service.ClientSettingsService;

/**
 * Automatic client set-up, without login: Thunderbird's autoconfig (GET, clientConfig 1.1,
 * at the well-known path and at the autoconfig host's /mail path) and Outlook's Autodiscover
 * POX (POST, "outlook" response schema 2006a). Both answer for any address of a hosted domain,
 * so they tell nobody which mailboxes exist; another domain gets 404 (autoconfig) or an
 * Autodiscover error.
 */
@WebServlet(urlPatterns = {"/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml",
        "/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"})
public class ClientSetupServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Longest Autodiscover request read; a real one is a few hundred bytes. */
    static final int MAX_REQUEST = 16 * 1024;

    @EJB
    transient ClientSettingsService settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().toLowerCase(Locale.ROOT).startsWith("/autodiscover")) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Autodiscover takes a POST");
            return;
        }
        String address = request.getParameter("emailaddress");
        ClientSettings found = address == null ? null : settings.forAddress(address);
        if (found == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No mail domain here for that address");
            return;
        }
        response.setContentType("application/xml;charset=UTF-8");
        write(response, w -> ClientSetupXml.autoconfig(w, found));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getServletPath().toLowerCase(Locale.ROOT).startsWith("/autodiscover")) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        String address;
        try (InputStream in = request.getInputStream()) {
            address = requestedAddress(in.readNBytes(MAX_REQUEST));
        } catch (XMLStreamException e) {
            address = null;
        }
        ClientSettings found = address == null ? null : settings.forAddress(address);
        response.setContentType("text/xml;charset=UTF-8");
        write(response, w -> {
            if (found == null) {
                ClientSetupXml.autodiscoverError(w);
            } else {
                ClientSetupXml.autodiscover(w, found);
            }
        });
    }

    /** The EMailAddress of an Autodiscover request; DTDs and external entities are refused. */
    static String requestedAddress(byte[] body) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8.name());
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("EMailAddress")) {
                    return reader.getElementText().strip();
                }
            }
            return null;
        } finally {
            reader.close();
        }
    }

    private interface XmlWork {
        void writeTo(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static void write(HttpServletResponse response, XmlWork work) throws IOException {
        try {
            XMLStreamWriter writer = XMLOutputFactory.newFactory()
                    .createXMLStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8.name());
            writer.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            work.writeTo(writer);
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
