package org.libertymail.adapter.mime;

import java.util.List;
import java.util.Locale;

/**
 * text/enriched (RFC 1896) to and from plain text. In enriched text a lone line break is a
 * space and n consecutive ones are n-1 breaks, and "<" opens a formatting command unless doubled.
 * Lines end in CRLF.
 */
public final class EnrichedText {
    private EnrichedText() {
    }

    public static String fromText(String text) {
        List<String> lines = MimeText.lines(text);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(lines.get(i).replace("<", "<<")).append("\r\n");
            if (i < lines.size() - 1) {
                out.append("\r\n"); // keeps the reader's line break
            }
        }
        return out.toString();
    }

    /** RFC 1896 appendix A's reading: commands dropped, <param> with its text, nofill kept as is. */
    public static String toText(String enriched) {
        String s = enriched.replace("\r\n", "\n");
        StringBuilder out = new StringBuilder();
        int nofill = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '<') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '<') {
                    out.append('<');
                    i += 2;
                    continue;
                }
                int close = s.indexOf('>', i);
                if (close < 0) {
                    break;
                }
                String command = s.substring(i + 1, close).strip().toLowerCase(Locale.ROOT);
                i = close + 1;
                if (command.equals("param")) {
                    int end = s.toLowerCase(Locale.ROOT).indexOf("</param>", i);
                    i = end < 0 ? s.length() : end + "</param>".length();
                } else if (command.equals("nofill")) {
                    nofill++;
                } else if (command.equals("/nofill")) {
                    nofill = Math.max(0, nofill - 1);
                }
            } else if (c == '\n' && nofill == 0) {
                int run = 0;
                while (i < s.length() && s.charAt(i) == '\n') {
                    run++;
                    i++;
                }
                out.append(run == 1 ? " " : "\n".repeat(run - 1));
            } else {
                out.append(c);
                i++;
            }
        }
        // the text's last line break reads as a space
        return String.join("\r\n", MimeText.lines(out.toString()).stream().map(String::stripTrailing).toList()) + "\r\n";
    }
}
