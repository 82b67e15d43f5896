package org.libertymail.adapter.pop3;

/** Finds where TOP's output ends: the header, the blank line, then n body lines. */
final class TopLines {
    private TopLines() {
    }

    static int end(byte[] content, int bodyLines) {
        int i = 0;
        boolean inHeader = true;
        int remaining = bodyLines;
        while (i < content.length) {
            int lineEnd = i;
            while (lineEnd < content.length && content[lineEnd] != '\n') {
                lineEnd++;
            }
            int next = Math.min(lineEnd + 1, content.length);
            boolean blank = lineEnd == i || (lineEnd == i + 1 && content[i] == '\r');
            if (inHeader) {
                if (blank) {
                    inHeader = false;
                    if (remaining == 0) {
                        return next;
                    }
                }
            } else {
                remaining--;
                if (remaining == 0) {
                    return next;
                }
            }
            i = next;
        }
        return content.length;
    }
}
