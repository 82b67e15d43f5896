package org.libertymail.adapter.mime;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from HTML and HTML from plain text, for serving a message in another body format.
 * A reader's rendering, not a browser's: blocks and line breaks become lines, everything else
 * that is markup goes, character references are decoded. Lines end in CRLF.
 */
public final class HtmlText {
    private static final char BREAK = '\u0001';
    private static final Pattern HIDDEN = Pattern.compile(
            "(?is)<!--.*?-->|<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\b[^>]*>");
    private static final Pattern ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern BLOCK = Pattern.compile(
            "(?i)</?(p|div|h[1-6]|tr|ul|ol|table|blockquote|pre|hr|dl|dt|dd|section|article|header|footer)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("[ \\t\\r\\n\\f]+");
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private HtmlText() {
    }

    public static String toText(String html) {
        String s = HIDDEN.matcher(html).replaceAll("");
        s = LINE_BREAK.matcher(s).replaceAll(String.valueOf(BREAK));
        s = ITEM.matcher(s).replaceAll(BREAK + "* ");
        s = BLOCK.matcher(s).replaceAll(String.valueOf(BREAK));
        s = TAG.matcher(s).replaceAll("");
        s = SPACE.matcher(s).replaceAll(" ");
        s = decode(s);
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : s.split(String.valueOf(BREAK), -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                // one empty line at most between paragraphs, none at the start
                if (out.length() > 0 && blank++ == 0) {
                    out.append("\r\n");
                }
                continue;
            }
            blank = 0;
            out.append(trimmed).append("\r\n");
        }
        int end = out.length();
        while (end >= 4 && out.substring(end - 4, end).equals("\r\n\r\n")) {
            end -= 2;
        }
        return out.substring(0, end);
    }

    /** The text as an HTML document, line for line. */
    public static String fromText(String text) {
        StringBuilder out = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>\r\n");
        for (String line : MimeText.lines(text)) {
            out.append(escape(line)).append("<br>\r\n");
        }
        return out.append("</body></html>\r\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String decode(String s) {
        Matcher m = REFERENCE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(reference(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String reference(String name, String whole) {
        if (name.startsWith("#")) {
            int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                    ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
            return Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : whole;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return " ";
            case "copy": return "\u00a9";
            case "reg": return "\u00ae";
            case "euro": return "\u20ac";
            case "mdash": return "\u2014";
            case "ndash": return "\u2013";
            case "hellip": return "\u2026";
            default: return whole;
        }
    }
}
