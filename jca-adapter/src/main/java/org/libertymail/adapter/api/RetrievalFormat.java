package org.libertymail.adapter.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Exchange's MessageRetrievalMimeFormat: the body format a POP3 client is served. The stored
 * message never changes; a message is converted when it is served.
 */
public enum RetrievalFormat {
    /** A text/plain body. */
    TEXT_ONLY("TextOnly"),
    /** A text/html body. */
    HTML_ONLY("HtmlOnly"),
    /** multipart/alternative of text/plain and text/html. */
    HTML_AND_TEXT_ALTERNATIVE("HtmlAndTextAlternative"),
    /** A text/enriched body (RFC 1896). */
    TEXT_ENRICHED_ONLY("TextEnrichedOnly"),
    /** multipart/alternative of text/plain and text/enriched. */
    TEXT_ENRICHED_AND_TEXT_ALTERNATIVE("TextEnrichedAndTextAlternative"),
    /** The message as it was received (the default). */
    BEST_BODY_FORMAT("BestBodyFormat");

    /** What a bad setting is told. */
    public static final String ALLOWED = "messageRetrievalMimeFormat is TextOnly, HtmlOnly, HtmlAndTextAlternative, "
            + "TextEnrichedOnly, TextEnrichedAndTextAlternative or BestBodyFormat";

    private final String setting;

    RetrievalFormat(String setting) {
        this.setting = setting;
    }

    /** The name administrators use, as in Set-PopSettings. */
    public String setting() {
        return setting;
    }

    /** The format a setting names, in any case; empty for an unknown name. Null or blank is the default. */
    public static Optional<RetrievalFormat> parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.of(BEST_BODY_FORMAT);
        }
        String wanted = setting.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.setting.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
