package org.libertymail.adapter.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.libertymail.adapter.api.DkimKey;
import org.libertymail.adapter.api.MessageContent;

/**
 * Signs a message as it leaves (RFC 6376: rsa-sha256, relaxed/relaxed), with Apache James's
 * jDKIM. The signature covers the header fields receivers and DMARC look at; its header field
 * goes first, the message follows unchanged.
 */
public final class DkimSigning {
    static final String SIGNED_HEADERS = "from:to:cc:subject:date:message-id:reply-to:in-reply-to:references:"
            + "mime-version:content-type:content-transfer-encoding";

    private DkimSigning() {
    }

    public static MessageContent signed(MessageContent content, DkimKey key) throws IOException {
        byte[] message;
        try (InputStream in = content.open()) {
            message = in.readAllBytes();
        }
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector()
                + "; h=" + SIGNED_HEADERS + "; bh=; b=;";
        String header;
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(key.privateKey()));
            header = new DKIMSigner(template, privateKey).sign(new java.io.ByteArrayInputStream(message));
        } catch (GeneralSecurityException | FailException e) {
            throw new IOException("DKIM signing for " + key.domain() + " failed: " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + message.length + 2);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        if (!header.endsWith("\r\n")) {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(message);
        return MessageContent.of(out.toByteArray());
    }
}
