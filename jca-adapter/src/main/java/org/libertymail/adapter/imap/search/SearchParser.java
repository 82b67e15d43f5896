package org.libertymail.adapter.imap.search;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.libertymail.adapter.imap.ImapParseException;
import org.libertymail.adapter.imap.ImapReader;
import org.libertymail.adapter.imap.SystemFlags;
import org.libertymail.adapter.imap.search.SearchKey.DateTest;

/** Parses search keys (RFC 3501 section 9, search-key) into a {@link SearchKey} tree. */
public final class SearchParser {
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy").toFormatter(Locale.ENGLISH);
    /** Nesting deeper than this is refused, so a hostile command cannot exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private SearchParser() {
    }

    /** One or more keys separated by spaces, up to the end of the command or a closing parenthesis. */
    public static SearchKey keys(ImapReader r) {
        return keys(r, 0);
    }

    private static SearchKey keys(ImapReader r, int depth) {
        List<SearchKey> keys = new ArrayList<>();
        do {
            keys.add(key(r, depth));
        } while (r.consume(' '));
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
    }

    private static SearchKey key(ImapReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ImapParseException("Search keys nested too deeply");
        }
        if (r.consume('(')) {
            SearchKey inner = keys(r, depth + 1);
            r.expect(')');
            return inner;
        }
        int c = r.peek();
        if (c >= '0' && c <= '9' || c == '*' || c == '$') {
            return new SearchKey.Sequence(r.sequenceSet(), false);
        }
        String name = r.atom().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> flag(SystemFlags.ANSWERED, true);
            case "DELETED" -> flag(SystemFlags.DELETED, true);
            case "DRAFT" -> flag(SystemFlags.DRAFT, true);
            case "FLAGGED" -> flag(SystemFlags.FLAGGED, true);
            case "RECENT" -> flag(SystemFlags.RECENT, true);
            case "SEEN" -> flag(SystemFlags.SEEN, true);
            case "UNANSWERED" -> flag(SystemFlags.ANSWERED, false);
            case "UNDELETED" -> flag(SystemFlags.DELETED, false);
            case "UNDRAFT" -> flag(SystemFlags.DRAFT, false);
            case "UNFLAGGED" -> flag(SystemFlags.FLAGGED, false);
            case "UNSEEN" -> flag(SystemFlags.SEEN, false);
            case "OLD" -> flag(SystemFlags.RECENT, false);
            case "NEW" -> new SearchKey.And(List.of(flag(SystemFlags.RECENT, true), flag(SystemFlags.SEEN, false)));
            case "KEYWORD", "UNKEYWORD" -> {
                r.space();
                yield flag(r.atom(), name.equals("KEYWORD"));
            }
            case "BCC", "CC", "FROM", "SUBJECT", "TO" -> {
                r.space();
                yield new SearchKey.Header(name, r.astring());
            }
            case "HEADER" -> {
                r.space();
                String field = r.astring();
                r.space();
                yield new SearchKey.Header(field, r.astring());
            }
            case "BODY", "TEXT" -> {
                r.space();
                yield new SearchKey.Text(r.astring(), name.equals("TEXT"));
            }
            case "LARGER", "SMALLER" -> {
                r.space();
                yield new SearchKey.Size(r.number(), name.equals("LARGER"));
            }
            case "BEFORE" -> new SearchKey.Received(DateTest.BEFORE, date(r));
            case "ON" -> new SearchKey.Received(DateTest.ON, date(r));
            case "SINCE" -> new SearchKey.Received(DateTest.SINCE, date(r));
            case "SENTBEFORE" -> new SearchKey.Sent(DateTest.BEFORE, date(r));
            case "SENTON" -> new SearchKey.Sent(DateTest.ON, date(r));
            case "SENTSINCE" -> new SearchKey.Sent(DateTest.SINCE, date(r));
            case "UID" -> {
                r.space();
                yield new SearchKey.Sequence(r.sequenceSet(), true);
            }
            case "MODSEQ" -> {
                r.space();
                if (r.peek() == '"') { // entry-name and entry-type-req: per-flag sequences, not kept here
                    r.string();
                    r.space();
                    r.atom();
                    r.space();
                }
                yield new SearchKey.Modseq(r.modseq());
            }
            case "NOT" -> {
                r.space();
                yield new SearchKey.Not(key(r, depth + 1));
            }
            case "OR" -> {
                r.space();
                SearchKey left = key(r, depth + 1);
                r.space();
                yield new SearchKey.Or(left, key(r, depth + 1));
            }
            case "" -> throw new ImapParseException("Missing search key");
            default -> throw new ImapParseException("Unknown search key " + name);
        };
    }

    private static SearchKey flag(String flag, boolean set) {
        return new SearchKey.Flag(flag, set);
    }

    private static LocalDate date(ImapReader r) {
        r.space();
        boolean quoted = r.consume('"');
        String text = r.until(quoted ? "\"" : " )");
        if (quoted) {
            r.expect('"');
        }
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new ImapParseException("Bad date " + text + ", expected d-Mon-yyyy");
        }
    }
}
