package org.libertymail.adapter.outbound;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Encryption without authentication, for routes an administrator set so (Exchange's
 * EncryptionOnly): most MX hosts have certificates no one can verify for the name that led to
 * them, and opportunistic TLS must not be worse than plain text. The configuration verification
 * uses it too, to read a certificate it then judges itself.
 */
public final class TrustAll {
    private TrustAll() {
    }

    public static SSLSocketFactory factory() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // not a server
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // accepted: see the class comment
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
