package org.libertymail.ejb.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import javax.net.ssl.SSLSocket;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.libertymail.adapter.outbound.TrustAll;

/**
 * Talks to this server's own listeners as a client would, with Jakarta Mail (SMTP, POP3, IMAP)
 * and raw sockets (the relay probe, the certificate). The server's certificate is trusted
 * whatever it is: it is checked on its own ({@link #certificate}), so that a self-signed one
 * does not hide whether the protocols work.
 */
final class ConnectivityProbes {
    static final int TIMEOUT_MILLIS = 10_000;

    private ConnectivityProbes() {
    }

    /** The address to connect to for a binding's address: loopback for a wildcard. */
    static String connectHost(String bindAddress) {
        String a = bindAddress == null ? "" : bindAddress.replace("[", "").replace("]", "");
        if (a.isEmpty() || a.equals("*") || a.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return a.equals("::") ? "::1" : a;
    }

    private static Session session(String protocol, String tls) {
        boolean implicit = tls.equals("implicit");
        String p = implicit ? protocol + "s" : protocol;
        Properties props = new Properties();
        props.put("mail." + p + ".connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        props.put("mail." + p + ".timeout", Integer.toString(TIMEOUT_MILLIS));
        props.put("mail." + p + ".ssl.trust", "*");
        props.put("mail." + p + ".ssl.checkserveridentity", "false");
        if (tls.equals("starttls")) {
            props.put("mail." + p + ".starttls.enable", "true");
            props.put("mail." + p + ".starttls.required", "true");
        }
        if (protocol.equals("smtp")) {
            props.put("mail." + p + ".localhost", "verify.libertymail");
        }
        return Session.getInstance(props);
    }

    /** Sends a message over SMTP, with AUTH when {@code user} is given. */
    static void send(String host, int port, String tls, String user, String password, String to, String subject)
            throws MessagingException {
        Session session = session("smtp", tls);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(to));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("A probe of LibertyMail's configuration verification; it removes itself.\r\n");
        String p = tls.equals("implicit") ? "smtps" : "smtp";
        session.getProperties().put("mail." + p + ".auth", Boolean.toString(user != null));
        try (Transport transport = session.getTransport(p)) {
            transport.connect(host, port, user, password);
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** The subjects among {@code wanted} found in the INBOX over POP3 or IMAP (read only). */
    static Set<String> find(String protocol, String host, int port, String tls, String user, String password,
            Set<String> wanted) throws MessagingException {
        Session session = session(protocol, tls);
        Set<String> found = new HashSet<>();
        try (Store store = session.getStore(tls.equals("implicit") ? protocol + "s" : protocol)) {
            store.connect(host, port, user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message m : inbox.getMessages()) {
                    String subject = m.getSubject();
                    if (subject != null && wanted.contains(subject)) {
                        found.add(subject);
                    }
                }
            } finally {
                inbox.close(false);
            }
        }
        return found;
    }

    /**
     * RFC 5321 relaying, unauthenticated: a recipient in a domain this server does not host
     * must be refused. @return the reply to RCPT
     */
    static String relayReply(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(in);
            command(out, "EHLO verify.libertymail");
            reply(in);
            command(out, "MAIL FROM:<verify@relay-probe.invalid>");
            reply(in);
            command(out, "RCPT TO:<nobody@relay-probe.invalid>");
            String rcpt = reply(in);
            command(out, "QUIT");
            return rcpt;
        }
    }

    private static void command(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** An SMTP reply's last line. */
    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("Connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    /** The certificate an implicit-TLS binding presents. */
    static X509Certificate certificate(String host, int port) throws IOException, GeneralSecurityException {
        // Any certificate is read; the caller judges its expiry and who signed it.
        try (SSLSocket socket = (SSLSocket) TrustAll.factory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
