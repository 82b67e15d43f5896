package org.libertymail.adapter.imap;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** RFC 3501 date-time: "dd-Mon-yyyy hh:mm:ss +zzzz", the day possibly space-padded. */
final class InternalDates {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy HH:mm:ss Z").toFormatter(Locale.ENGLISH);

    private InternalDates() {
    }

    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text.strip(), FORMAT).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImapParseException("Bad date-time " + text);
        }
    }
}
