package org.libertymail.adapter.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;

import org.libertymail.adapter.api.RetrievalFormat;

/**
 * Serves a stored message in another body format (Exchange's MessageRetrievalMimeFormat), with
 * Jakarta Mail. The body is the message's text, or the first part of a multipart/mixed (an
 * attachment stays as it is); its plain, HTML and enriched versions are taken where the message
 * has them and derived where not. Signed or encrypted messages, and messages without a text
 * body, are served unchanged. The result is a function of the message alone (fixed boundaries,
 * the Message-ID kept), so the size told before serving is the size served.
 */
public final class BodyFormatConverter {
    private static final Logger LOG = Logger.getLogger(BodyFormatConverter.class.getName());
    private static final Session SESSION = withContextLoader(() -> Session.getInstance(new Properties()));

    private BodyFormatConverter() {
    }

    public static byte[] convert(byte[] message, RetrievalFormat format) {
        if (format == RetrievalFormat.BEST_BODY_FORMAT) {
            return message;
        }
        return withContextLoader(() -> converted(message, format));
    }

    /**
     * Jakarta Mail finds its implementation (Angus, in the RAR) through the context class loader,
     * which on a container's thread need not see the RAR.
     */
    private static <T> T withContextLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BodyFormatConverter.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static byte[] converted(byte[] message, RetrievalFormat format) {
        try {
            MimeMessage mime = new MimeMessage(SESSION, new ByteArrayInputStream(message));
            Holder holder = Holder.of(mime);
            if (holder == null) {
                return message;
            }
            Versions versions = Versions.of(holder.body());
            if (versions == null || versions.served(holder.body(), format)) {
                return message;
            }
            String boundary = "=_LibertyMail_" + format.ordinal() + "_" + checksum(message);
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 512);
            holder.write(mime, build(versions, format, boundary), out);
            byte[] served = out.toByteArray();
            int n = served.length;
            if (n < 2 || served[n - 2] != '\r' || served[n - 1] != '\n') {
                // a body part's last line break belongs to its boundary; a message ends with one
                out.write('\r');
                out.write('\n');
                served = out.toByteArray();
            }
            return served;
        } catch (MessagingException | IOException | RuntimeException e) {
            // a message Jakarta Mail cannot take apart is served as it was received
            LOG.log(Level.FINE, "A message is served as received, not as " + format.setting(), e);
            return message;
        }
    }

    private static MimeBodyPart build(Versions v, RetrievalFormat format, String boundary)
            throws MessagingException, IOException {
        switch (format) {
            case TEXT_ONLY:
                return v.plainPart();
            case HTML_ONLY:
                return v.htmlPart();
            case HTML_AND_TEXT_ALTERNATIVE:
                return alternative(boundary, v.plainPart(), v.htmlPart());
            case TEXT_ENRICHED_ONLY:
                return v.enrichedPart();
            case TEXT_ENRICHED_AND_TEXT_ALTERNATIVE:
                return alternative(boundary, v.plainPart(), v.enrichedPart());
            default:
                throw new IllegalArgumentException(format.name());
        }
    }

    private static MimeBodyPart alternative(String boundary, MimeBodyPart plainer, MimeBodyPart richer)
            throws MessagingException, IOException {
        // RFC 2046 5.1.4: the alternatives in increasing order of faithfulness
        MimeMultipart alternatives = new FixedBoundaryMultipart("alternative", boundary);
        alternatives.addBodyPart(plainer);
        alternatives.addBodyPart(richer);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        alternatives.writeTo(content);
        return raw(List.of("Content-Type: " + alternatives.getContentType()), content.toByteArray());
    }

    /**
     * A part made of header lines and encoded content, as if parsed: Jakarta Mail writes such a
     * part back byte for byte. Nothing here asks Jakarta Activation to turn objects into bytes,
     * whose handlers a container's class loaders may not show.
     */
    private static MimeBodyPart raw(List<String> headerLines, byte[] content) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 200);
        for (String line : headerLines) {
            bytes.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.write(CRLF);
        bytes.write(content);
        return new MimeBodyPart(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** The multipart a part holds, parsed from its content. */
    private static MimeMultipart multipart(Part p) throws MessagingException {
        return new MimeMultipart(new MimePartDataSource((MimePart) p));
    }

    private static byte[] rawContent(Part p) throws MessagingException, IOException {
        try (InputStream in = p instanceof MimeMessage ? ((MimeMessage) p).getRawInputStream()
                : ((MimeBodyPart) p).getRawInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String checksum(byte[] message) {
        CRC32 crc = new CRC32();
        crc.update(message);
        return Long.toHexString(crc.getValue());
    }

    /** Where the body sits: the message itself, or the first part of a multipart/mixed. */
    private record Holder(Part body, MimeMultipart mixed) {
        static Holder of(MimeMessage mime) throws MessagingException {
            if (mime.isMimeType("multipart/signed") || mime.isMimeType("multipart/encrypted")) {
                return null;
            }
            if (mime.isMimeType("multipart/mixed")) {
                MimeMultipart mixed = multipart(mime);
                if (mixed.getCount() == 0) {
                    return null;
                }
                BodyPart first = mixed.getBodyPart(0);
                return Part.ATTACHMENT.equalsIgnoreCase(first.getDisposition()) ? null : new Holder(first, mixed);
            }
            return new Holder(mime, null);
        }

        /** The message with {@code body} in place of its body: its other header lines as they were. */
        void write(MimeMessage mime, MimeBodyPart body, ByteArrayOutputStream out) throws MessagingException, IOException {
            List<String> lines = new ArrayList<>();
            if (mixed != null) {
                mixed.removeBodyPart(0);
                mixed.addBodyPart(body, 0);
                lines.addAll(Collections.list(mime.getAllHeaderLines()));
                for (String line : lines) {
                    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(CRLF);
                mixed.writeTo(out);
                return;
            }
            lines.addAll(Collections.list(mime.getNonMatchingHeaderLines(CONTENT_HEADERS)));
            if (mime.getHeader("MIME-Version") == null) {
                lines.add("MIME-Version: 1.0");
            }
            lines.addAll(Collections.list(body.getAllHeaderLines()));
            for (String line : lines) {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(CRLF);
            out.write(rawContent(body));
        }
    }

    private static final String[] CONTENT_HEADERS = {"Content-Type", "Content-Transfer-Encoding"};

    /**
     * The body's plain, HTML and enriched versions as the message has them (null where not).
     * HTML may be a multipart/related with its images, which is kept whole.
     */
    private record Versions(Part plain, Part html, String htmlSource, Part enriched) {
        static Versions of(Part body) throws MessagingException, IOException {
            Part plain = null;
            Part html = null;
            String htmlSource = null;
            Part enriched = null;
            if (body.isMimeType("multipart/alternative")) {
                MimeMultipart alternatives = multipart(body);
                for (int i = 0; i < alternatives.getCount(); i++) {
                    BodyPart p = alternatives.getBodyPart(i);
                    if (p.isMimeType("text/plain") && plain == null) {
                        plain = p;
                    } else if (p.isMimeType("text/enriched") && enriched == null) {
                        enriched = p;
                    } else if (html == null && (htmlSource = html(p)) != null) {
                        html = p;
                    }
                }
            } else if (body.isMimeType("text/plain")) {
                plain = body;
            } else if (body.isMimeType("text/enriched")) {
                enriched = body;
            } else if ((htmlSource = html(body)) != null) {
                html = body;
            }
            return plain == null && html == null && enriched == null ? null : new Versions(plain, html, htmlSource, enriched);
        }

        /** Whether the body is in the format already, so that it may be served as received. */
        boolean served(Part body, RetrievalFormat format) throws MessagingException {
            boolean pair = body.isMimeType("multipart/alternative") && multipart(body).getCount() == 2 && plain != null;
            switch (format) {
                case TEXT_ONLY:
                    return body.isMimeType("text/plain");
                case HTML_ONLY:
                    return body == html;
                case TEXT_ENRICHED_ONLY:
                    return body.isMimeType("text/enriched");
                case HTML_AND_TEXT_ALTERNATIVE:
                    return pair && html != null;
                case TEXT_ENRICHED_AND_TEXT_ALTERNATIVE:
                    return pair && enriched != null;
                default:
                    return true;
            }
        }

        /** The HTML of a text/html part or of a multipart/related's root; else null. */
        private static String html(Part p) throws MessagingException, IOException {
            if (p.isMimeType("text/html")) {
                return text(p);
            }
            if (p.isMimeType("multipart/related")) {
                MimeMultipart related = multipart(p);
                if (related.getCount() > 0 && related.getBodyPart(0).isMimeType("text/html")) {
                    return text(related.getBodyPart(0));
                }
            }
            return null;
        }

        /** A text part's text: its content decoded, in its charset (US-ASCII when it names none). */
        private static String text(Part p) throws MessagingException, IOException {
            String charset = new ContentType(p.getContentType()).getParameter("charset");
            Charset decoder;
            try {
                decoder = charset == null ? StandardCharsets.US_ASCII : Charset.forName(MimeUtility.javaCharset(charset));
            } catch (IllegalArgumentException e) {
                decoder = StandardCharsets.ISO_8859_1; // an unknown charset: every byte kept
            }
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), decoder);
            }
        }

        String plainText() throws MessagingException, IOException {
            if (plain != null) {
                return text(plain);
            }
            return html != null ? HtmlText.toText(htmlSource) : EnrichedText.toText(text(enriched));
        }

        MimeBodyPart plainPart() throws MessagingException, IOException {
            return plain != null ? copy(plain) : textPart(plainText(), "plain");
        }

        MimeBodyPart htmlPart() throws MessagingException, IOException {
            return html != null ? copy(html) : textPart(HtmlText.fromText(plainText()), "html");
        }

        MimeBodyPart enrichedPart() throws MessagingException, IOException {
            return enriched != null ? copy(enriched) : textPart(EnrichedText.fromText(plainText()), "enriched");
        }

        /** A text part of ours: 7bit when it is short-lined ASCII, else quoted-printable UTF-8. */
        private static MimeBodyPart textPart(String text, String subtype) throws MessagingException, IOException {
            byte[] bytes = MimeText.crlf(text).getBytes(StandardCharsets.UTF_8);
            boolean plainAscii = true;
            int line = 0;
            for (byte b : bytes) {
                line = b == '\n' ? 0 : line + 1;
                plainAscii &= b >= 0 && b != 0 && line <= 998;
            }
            if (plainAscii) {
                return raw(List.of("Content-Type: text/" + subtype + "; charset=us-ascii", "Content-Transfer-Encoding: 7bit"),
                        bytes);
            }
            ByteArrayOutputStream encoded = new ByteArrayOutputStream(bytes.length + bytes.length / 4);
            try (OutputStream qp = MimeUtility.encode(encoded, "quoted-printable")) {
                qp.write(bytes);
            }
            return raw(List.of("Content-Type: text/" + subtype + "; charset=utf-8",
                    "Content-Transfer-Encoding: quoted-printable"), encoded.toByteArray());
        }

        /** A part of the stored message, byte for byte, to place elsewhere. */
        private static MimeBodyPart copy(Part p) throws MessagingException, IOException {
            if (p instanceof MimeBodyPart) {
                return (MimeBodyPart) p;
            }
            // the message itself was the body: its content headers and content become a part
            MimeMessage m = (MimeMessage) p;
            return raw(Collections.list(m.getMatchingHeaderLines(CONTENT_HEADERS)), rawContent(m));
        }
    }

    /** A multipart whose boundary is given, so that converting twice gives the same bytes. */
    private static final class FixedBoundaryMultipart extends MimeMultipart {
        FixedBoundaryMultipart(String subtype, String boundary) throws MessagingException {
            super(subtype);
            ContentType type = new ContentType("multipart", subtype, null);
            type.setParameter("boundary", boundary);
            contentType = type.toString();
        }
    }
}
