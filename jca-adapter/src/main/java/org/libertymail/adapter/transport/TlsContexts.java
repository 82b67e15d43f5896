package org.libertymail.adapter.transport;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.KeyManagerFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

/**
 * The server certificate for every TLS binding, read from a PKCS#12 keystore (by default the
 * one Liberty generates, resources/security/key.p12). The file is checked at each new TLS
 * connection, so a replaced certificate is used from the next connection on without a restart;
 * connections already open keep theirs. TLS 1.2 and 1.3 only.
 */
public final class TlsContexts {
    private static final Logger LOG = Logger.getLogger(TlsContexts.class.getName());
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Path keyStore;
    private final char[] password;
    private SslContext context;
    private FileTime loadedModified;
    private long loadedSize = -1;
    private String lastProblem;

    public TlsContexts(Path keyStore, String password) {
        this.keyStore = keyStore;
        this.password = decode(password).toCharArray();
    }

    /** @return a handler for a new connection, or null when no certificate can be loaded */
    SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
        SslContext current = current();
        if (current == null) {
            return null;
        }
        SslHandler handler = new SslHandler(current.newEngine(alloc), startTls);
        handler.setHandshakeTimeoutMillis(30_000);
        return handler;
    }

    /** Whether a certificate is there to offer (STARTTLS is advertised only then). */
    public boolean available() {
        return current() != null;
    }

    synchronized SslContext current() {
        try {
            if (!Files.isRegularFile(keyStore)) {
                problem("TLS keystore " + keyStore + " does not exist (yet)");
                return context;
            }
            FileTime modified = Files.getLastModifiedTime(keyStore);
            long size = Files.size(keyStore);
            if (context == null || !modified.equals(loadedModified) || size != loadedSize) {
                context = load();
                loadedModified = modified;
                loadedSize = size;
                lastProblem = null;
                LOG.info(() -> "TLS certificate loaded from " + keyStore);
            }
        } catch (Exception e) {
            // A half-written file, a wrong password: keep the previous certificate if there is one.
            problem("TLS keystore " + keyStore + " cannot be used: " + e);
        }
        return context;
    }

    private SslContext load() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
    }

    private void problem(String text) {
        if (!text.equals(lastProblem)) {
            lastProblem = text;
            LOG.log(Level.WARNING, text);
        }
    }

    /** Liberty's {xor} encoding is undone here; plain text passes through. */
    static String decode(String password) {
        if (password == null) {
            return "";
        }
        if (!password.startsWith("{xor}")) {
            return password;
        }
        byte[] bytes = Base64.getDecoder().decode(password.substring(5));
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] ^= '_';
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
