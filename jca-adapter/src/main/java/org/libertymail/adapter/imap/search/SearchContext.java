package org.libertymail.adapter.imap.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.api.MessageSummary;

/** One message as search keys see it; what costs a store call is computed only when asked. */
public interface SearchContext {
    int msn();

    MessageSummary message();

    /** Flags with \Recent when the session holds the message as recent. */
    List<String> flags();

    int largestMsn();

    long largestUid();

    /** The UIDs of the last SEARCH RETURN (SAVE), for "$". */
    Set<Long> savedUids();

    LocalDate internalDay();

    /** The day of the Date header, or of the internal date when it has none that parses. */
    LocalDate sentDay();

    /** The decoded values of a header field. */
    List<String> header(String field);

    /** The decoded header. */
    String wholeHeader();

    /** Whether a text part holds {@code lowerCaseText}. */
    boolean bodyContains(String lowerCaseText);
}
