package org.libertymail.adapter.mime;

import java.util.ArrayList;
import java.util.List;

/** Line handling shared by the body format conversions. */
final class MimeText {
    private MimeText() {
    }

    /** The lines of a text whatever its line ends, without a trailing empty line. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The text with CRLF line ends and a final one, as a MIME text part carries it. */
    static String crlf(String text) {
        List<String> lines = lines(text);
        return lines.isEmpty() ? "" : String.join("\r\n", lines) + "\r\n";
    }
}
