package org.libertymail.adapter.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an address-list header (RFC 5322 3.4, with the obsolete route syntax of 4.4) into
 * ENVELOPE addresses. Names stay as written (encoded words are not decoded, as RFC 3501 wants);
 * an address without a domain gets the placeholder host mail readers know from UW IMAP.
 */
final class AddressParser {
    static final String MISSING_HOST = ".MISSING-HOST-NAME.";
    private static final String SPECIALS = "()<>@,;:\\\".[]";

    private final String s;
    private int pos;

    private AddressParser(String s) {
        this.s = s;
    }

    static List<EnvelopeAddress> parse(String header) {
        List<EnvelopeAddress> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        AddressParser p = new AddressParser(header);
        while (true) {
            p.skipCfws();
            if (p.pos >= p.s.length()) {
                return out;
            }
            char c = p.s.charAt(p.pos);
            if (c == ',' || c == ';' || c == '>' || c == ')') {
                p.pos++;
                continue;
            }
            int before = p.pos;
            p.address(out, true);
            if (p.pos == before) {
                p.pos++; // never stall on unexpected input
            }
        }
    }

    private void address(List<EnvelopeAddress> out, boolean groupAllowed) {
        List<String> words = new ArrayList<>(); // display-name words, unquoted
        StringBuilder local = new StringBuilder(); // the same text as written, for a bare addr-spec
        while (true) {
            skipCfws();
            if (pos >= s.length()) {
                bare(out, local);
                return;
            }
            char c = s.charAt(pos);
            if (c == '<') {
                pos++;
                angle(out, words.isEmpty() ? null : String.join(" ", words));
                return;
            } else if (c == ':' && groupAllowed) {
                pos++;
                group(out, String.join(" ", words));
                return;
            } else if (c == '@') {
                pos++;
                out.add(new EnvelopeAddress(null, null, local.toString(), orMissing(domain(",;"))));
                return;
            } else if (c == ',' || c == ';' || c == '>' || c == ':') {
                bare(out, local);
                return;
            } else if (c == '"') {
                int start = pos;
                String q = quoted();
                words.add(q);
                local.append(s, start, pos);
            } else if (c == '.') {
                pos++;
                local.append('.');
                if (!words.isEmpty()) {
                    words.set(words.size() - 1, words.get(words.size() - 1) + ".");
                }
            } else {
                String atom = atom();
                if (atom.isEmpty()) {
                    pos++;
                    continue;
                }
                if (!local.isEmpty() && local.charAt(local.length() - 1) != '.') {
                    local.append(' ');
                }
                words.add(atom);
                local.append(atom);
            }
        }
    }

    private static void bare(List<EnvelopeAddress> out, StringBuilder local) {
        if (!local.isEmpty()) {
            out.add(new EnvelopeAddress(null, null, local.toString(), MISSING_HOST));
        }
    }

    private void angle(List<EnvelopeAddress> out, String name) {
        String route = null;
        skipCfws();
        if (pos < s.length() && s.charAt(pos) == '@') {
            int colon = s.indexOf(':', pos);
            int close = s.indexOf('>', pos);
            if (colon > 0 && (close < 0 || colon < close)) {
                route = s.substring(pos, colon).replaceAll("\\s+", "");
                pos = colon + 1;
            }
        }
        StringBuilder local = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '@' || c == '>') {
                break;
            } else if (c == '"') {
                int start = pos;
                quoted();
                local.append(s, start, pos);
            } else if (c == '(') {
                skipCfws();
            } else if (c == ' ' || c == '\t') {
                pos++;
            } else {
                local.append(c);
                pos++;
            }
        }
        String host = null;
        if (pos < s.length() && s.charAt(pos) == '@') {
            pos++;
            host = domain(">");
        }
        if (pos < s.length() && s.charAt(pos) == '>') {
            pos++;
        }
        if (local.isEmpty() && host == null) {
            return; // "<>": no address at all
        }
        out.add(new EnvelopeAddress(name, route, local.toString(), orMissing(host)));
    }

    private void group(List<EnvelopeAddress> out, String name) {
        out.add(EnvelopeAddress.groupStart(name));
        while (true) {
            skipCfws();
            if (pos >= s.length()) {
                break;
            }
            char c = s.charAt(pos);
            if (c == ';') {
                pos++;
                break;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            int before = pos;
            address(out, false);
            if (pos == before) {
                pos++;
            }
        }
        out.add(EnvelopeAddress.groupEnd());
    }

    private String domain(String stops) {
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (stops.indexOf(c) >= 0) {
                break;
            }
            if (c == '(') {
                skipCfws();
            } else if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '[') {
                int close = s.indexOf(']', pos);
                int to = close < 0 ? s.length() : close + 1;
                b.append(s, pos, to);
                pos = to;
            } else {
                b.append(c);
                pos++;
            }
        }
        return b.toString();
    }

    private static String orMissing(String host) {
        return host == null || host.isEmpty() ? MISSING_HOST : host;
    }

    private String atom() {
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c <= ' ' || SPECIALS.indexOf(c) >= 0) {
                break;
            }
            pos++;
        }
        return s.substring(start, pos);
    }

    private String quoted() {
        MimeTokens t = new MimeTokens(s);
        t.position(pos);
        String v = t.quoted();
        pos = t.position();
        return v;
    }

    private void skipCfws() {
        MimeTokens t = new MimeTokens(s);
        t.position(pos);
        t.skipSpaceAndComments();
        pos = t.position();
    }
}
