package org.libertymail.adapter.mime;

import java.util.List;

/** Writes the ENVELOPE of a message header (RFC 3501 7.4.2). */
final class EnvelopeWriter {
    private EnvelopeWriter() {
    }

    static void write(HeaderFields h, ImapText out) {
        List<EnvelopeAddress> from = AddressParser.parse(h.get("from"));
        out.raw("(").nstring(h.get("date")).space().nstring(h.get("subject")).space();
        addresses(from, out);
        out.space();
        addresses(orFrom(h.get("sender"), from), out);
        out.space();
        addresses(orFrom(h.get("reply-to"), from), out);
        for (String field : List.of("to", "cc", "bcc")) {
            out.space();
            addresses(AddressParser.parse(h.get(field)), out);
        }
        out.space().nstring(h.get("in-reply-to")).space().nstring(h.get("message-id")).raw(")");
    }

    /** Sender and Reply-To default to From when absent (RFC 3501 7.4.2). */
    private static List<EnvelopeAddress> orFrom(String header, List<EnvelopeAddress> from) {
        List<EnvelopeAddress> parsed = AddressParser.parse(header);
        return parsed.isEmpty() ? from : parsed;
    }

    private static void addresses(List<EnvelopeAddress> list, ImapText out) {
        if (list.isEmpty()) {
            out.raw("NIL");
            return;
        }
        out.raw("(");
        for (EnvelopeAddress a : list) {
            out.raw("(").nstring(a.name()).space().nstring(a.route()).space().nstring(a.mailbox()).space()
                    .nstring(a.host()).raw(")");
        }
        out.raw(")");
    }
}
