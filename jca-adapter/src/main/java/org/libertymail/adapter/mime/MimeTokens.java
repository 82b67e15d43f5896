package org.libertymail.adapter.mime;

/** A cursor over a structured header value: quoted strings and comments (RFC 5322 3.2). */
final class MimeTokens {
    private final String s;
    private int pos;

    MimeTokens(String s) {
        this.s = s == null ? "" : s;
    }

    boolean atEnd() {
        skipSpaceAndComments();
        return pos >= s.length();
    }

    char peek() {
        skipSpaceAndComments();
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    boolean consume(char c) {
        skipSpaceAndComments();
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Text up to (not including) any of {@code stops} outside quotes and comments; comments dropped. */
    String until(String stops) {
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (stops.indexOf(c) >= 0) {
                break;
            } else if (c == '(') {
                skipComment();
            } else if (c == '"') {
                b.append(quoted());
            } else {
                b.append(c);
                pos++;
            }
        }
        return b.toString();
    }

    /** A parameter value: a quoted string (unquoted) or a token. */
    String value() {
        skipSpaceAndComments();
        if (pos < s.length() && s.charAt(pos) == '"') {
            String v = quoted();
            until(";");
            return v;
        }
        return until(";").strip();
    }

    /** The content of the quoted string at the cursor, backslash escapes resolved. */
    String quoted() {
        StringBuilder b = new StringBuilder();
        pos++; // opening quote
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            } else if (c == '\r' || c == '\n') {
                continue; // folding inside a quoted string
            }
            b.append(c);
        }
        return b.toString();
    }

    void skipSpaceAndComments() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '(') {
                skipComment();
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
    }

    int position() {
        return pos;
    }

    void position(int p) {
        pos = p;
    }

    String source() {
        return s;
    }
}
