package org.libertymail.adapter.mime;

import java.util.Locale;
import java.util.Map;

/**
 * Writes BODYSTRUCTURE (with extension data) or BODY (without) for a parsed entity, following
 * the body grammar of RFC 3501 section 9.
 */
final class BodyStructureWriter {
    private final boolean extended;

    private BodyStructureWriter(boolean extended) {
        this.extended = extended;
    }

    static byte[] write(MimeEntity e, boolean extended) {
        ImapText out = new ImapText();
        new BodyStructureWriter(extended).entity(e, out);
        return out.bytes();
    }

    private void entity(MimeEntity e, ImapText out) {
        if (e.multipart()) {
            multipart(e, out);
        } else {
            single(e, out);
        }
    }

    private void multipart(MimeEntity e, ImapText out) {
        out.raw("(");
        if (e.children.isEmpty()) {
            // body-type-mpart needs at least one part: an empty text part stands for none
            out.raw("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0" + (extended ? " NIL NIL NIL NIL" : "") + ")");
        }
        for (MimeEntity child : e.children) {
            entity(child, out);
        }
        out.space().string(e.subtype);
        if (extended) {
            out.space();
            params(e.params, out);
            out.space();
            extension(e, out);
        }
        out.raw(")");
    }

    private void single(MimeEntity e, ImapText out) {
        String encoding = e.header.get("content-transfer-encoding");
        out.raw("(").string(e.type).space().string(e.subtype).space();
        params(e.params, out);
        out.space().nstring(e.header.get("content-id")).space().nstring(e.header.get("content-description")).space()
                .string(encoding == null || encoding.isEmpty() ? "7bit" : encoding.toLowerCase(Locale.ROOT))
                .space().raw(Long.toString(e.size()));
        if (e.message != null) {
            out.space();
            EnvelopeWriter.write(e.message.header, out);
            out.space();
            entity(e.message, out);
            out.space().raw(Long.toString(e.lines));
        } else if (e.type.equals("text")) {
            out.space().raw(Long.toString(e.lines));
        }
        if (extended) {
            out.space().nstring(e.header.get("content-md5")).space();
            extension(e, out);
        }
        out.raw(")");
    }

    /** body-fld-dsp SP body-fld-lang SP body-fld-loc, common to both kinds of part. */
    private static void extension(MimeEntity e, ImapText out) {
        String disposition = e.header.get("content-disposition");
        MimeParams d = disposition == null ? null : MimeParams.parse(disposition);
        if (d == null || d.value().isEmpty()) {
            out.raw("NIL");
        } else {
            out.raw("(").string(d.value()).space();
            params(d.params(), out);
            out.raw(")");
        }
        out.space();
        String language = e.header.get("content-language");
        if (language == null || language.isBlank()) {
            out.raw("NIL");
        } else {
            out.raw("(");
            boolean first = true;
            for (String tag : language.split(",")) {
                String t = new MimeTokens(tag).until("").strip();
                if (!t.isEmpty()) {
                    if (!first) {
                        out.space();
                    }
                    out.string(t);
                    first = false;
                }
            }
            out.raw(")");
        }
        out.space().nstring(e.header.get("content-location"));
    }

    private static void params(Map<String, String> params, ImapText out) {
        if (params.isEmpty()) {
            out.raw("NIL");
            return;
        }
        out.raw("(");
        boolean first = true;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!first) {
                out.space();
            }
            out.string(p.getKey()).space().string(p.getValue());
            first = false;
        }
        out.raw(")");
    }
}
