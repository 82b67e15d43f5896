package org.libertymail.adapter.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.Test;
import org.libertymail.adapter.api.DkimKey;
import org.libertymail.adapter.api.MessageContent;

class DkimSigningTest {
    private static final String MESSAGE = "From: Ann <ann@example.com>\r\nTo: bob@remote.test\r\nSubject: signed\r\n"
            + "Date: Wed, 2 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n\r\nHello Bob,\r\n\r\nbye.\r\n";

    @Test
    void aSignedMessageVerifiesWithThePublishedKeyAndFailsOnceChanged() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        MessageContent signed = DkimSigning.signed(MessageContent.of(MESSAGE.getBytes(StandardCharsets.US_ASCII)),
                new DkimKey("example.com", "mail2026", keys.getPrivate().getEncoded()));
        String text;
        try (InputStream in = signed.open()) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertTrue(text.startsWith("DKIM-Signature: "), text);
        assertTrue(text.endsWith(MESSAGE), "the message follows unchanged");

        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertEquals("mail2026", selector.toString());
            assertEquals("example.com", domain.toString());
            return List.of(record);
        });
        List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(1, valid.size());
        assertEquals("example.com", valid.get(0).getDToken().toString());

        DKIMVerifier tampered = new DKIMVerifier((method, selector, domain) -> List.of(record));
        String changed = text.replace("Hello Bob", "Hello Eve");
        boolean failed;
        try {
            failed = tampered.verify(new ByteArrayInputStream(changed.getBytes(StandardCharsets.US_ASCII))) == null
                    || !tampered.hasAnyValidSignature();
        } catch (org.apache.james.jdkim.exceptions.FailException e) {
            failed = true;
        }
        assertTrue(failed, "a changed body no longer verifies");
        assertFalse(text.contains(Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()).substring(0, 40)));
    }
}
