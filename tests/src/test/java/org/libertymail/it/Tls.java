package org.libertymail.it;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** TLS client sockets that accept the server's self-signed certificate and show it. */
final class Tls {
    private Tls() {
    }

    static SSLContext trustAll() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }

    /** Connects with TLS from the first byte (implicit TLS) and completes the handshake. */
    static SSLSocket connect(String host, int port, String... protocols) throws IOException, GeneralSecurityException {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket(host, port);
        socket.setSoTimeout(30_000);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.startHandshake();
        return socket;
    }

    /** Starts TLS over a plain socket that just got its STARTTLS go-ahead. */
    static SSLSocket upgrade(Socket plain, String host) throws IOException, GeneralSecurityException {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        return socket;
    }

    static X509Certificate serverCertificate(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
}
