package org.libertymail.adapter.imap.search;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.libertymail.adapter.imap.SequenceSet;

/** A parsed SEARCH criterion (RFC 3501 6.4.4); a list of them means all must match. */
public sealed interface SearchKey {

    /** What evaluating a key needs beyond the session's summaries, in increasing cost. */
    enum Need {
        SUMMARY, HEADER, CONTENT;

        Need max(Need other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    Need need();

    /** What evaluating the key needs when the texts in {@code indexed} are answered by the store's index. */
    default Need need(Set<String> indexed) {
        return need();
    }

    boolean matches(SearchContext c);

    /** The strings of the BODY and TEXT keys anywhere in the key (lower case). */
    static Set<String> texts(SearchKey key) {
        Set<String> texts = new LinkedHashSet<>();
        collectTexts(key, texts);
        return texts;
    }

    private static void collectTexts(SearchKey key, Set<String> texts) {
        if (key instanceof Text t) {
            texts.add(t.text());
        } else if (key instanceof Not n) {
            collectTexts(n.key(), texts);
        } else if (key instanceof Or o) {
            collectTexts(o.left(), texts);
            collectTexts(o.right(), texts);
        } else if (key instanceof And a) {
            a.keys().forEach(k -> collectTexts(k, texts));
        }
    }

    record All() implements SearchKey {
        public Need need() {
            return Need.SUMMARY;
        }

        public boolean matches(SearchContext c) {
            return true;
        }
    }

    /** A system flag or keyword set ({@code set}) or not set, "\Recent" included. */
    record Flag(String flag, boolean set) implements SearchKey {
        public Need need() {
            return Need.SUMMARY;
        }

        public boolean matches(SearchContext c) {
            boolean has = c.flags().stream().anyMatch(f -> f.equalsIgnoreCase(flag));
            return has == set;
        }
    }

    /** A sequence set of message numbers, or of UIDs with the UID key; "$" is the saved result. */
    record Sequence(SequenceSet set, boolean uid) implements SearchKey {
        public Need need() {
            return Need.SUMMARY;
        }

        public boolean matches(SearchContext c) {
            if (set.saved()) {
                return c.savedUids().contains(c.message().uid());
            }
            return uid ? set.contains(c.message().uid(), c.largestUid()) : set.contains(c.msn(), c.largestMsn());
        }
    }

    record Size(long octets, boolean larger) implements SearchKey {
        public Need need() {
            return Need.SUMMARY;
        }

        public boolean matches(SearchContext c) {
            return larger ? c.message().size() > octets : c.message().size() < octets;
        }
    }

    enum DateTest {
        BEFORE, ON, SINCE;

        boolean test(LocalDate value, LocalDate key) {
            return switch (this) {
                case BEFORE -> value.isBefore(key);
                case ON -> value.isEqual(key);
                case SINCE -> !value.isBefore(key);
            };
        }
    }

    /** BEFORE, ON, SINCE: the internal date, by day. */
    record Received(DateTest test, LocalDate date) implements SearchKey {
        public Need need() {
            return Need.SUMMARY;
        }

        public boolean matches(SearchContext c) {
            return test.test(c.internalDay(), date);
        }
    }

    /** SENTBEFORE, SENTON, SENTSINCE: the Date header, by day. */
    record Sent(DateTest test, LocalDate date) implements SearchKey {
        public Need need() {
            return Need.HEADER;
        }

        public boolean matches(SearchContext c) {
            return test.test(c.sentDay(), date);
        }
    }

    /** FROM, TO, CC, BCC, SUBJECT, HEADER: a field containing the text; "" matches any with the field. */
    record Header(String field, String text) implements SearchKey {
        public Header {
            text = text.toLowerCase(Locale.ROOT);
        }

        public Need need() {
            return Need.HEADER;
        }

        public boolean matches(SearchContext c) {
            return c.header(field).stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(text));
        }
    }

    /** BODY (the text parts) and TEXT (the header too). */
    record Text(String text, boolean withHeader) implements SearchKey {
        public Text {
            text = text.toLowerCase(Locale.ROOT);
        }

        public Need need() {
            return Need.CONTENT;
        }

        @Override
        public Need need(Set<String> indexed) {
            return !indexed.contains(text) ? Need.CONTENT : withHeader ? Need.HEADER : Need.SUMMARY;
        }

        public boolean matches(SearchContext c) {
            return withHeader && c.wholeHeader().toLowerCase(Locale.ROOT).contains(text) || c.bodyContains(text);
        }
    }

    /** MODSEQ (RFC 7162 3.1.5): messages changed at or after the modification. */
    record Modseq(long modseq) implements SearchKey {
        public Need need() {
            return Need.SUMMARY;
        }

        public boolean matches(SearchContext c) {
            return c.message().modseq() >= modseq;
        }
    }

    /** Whether the key names MODSEQ anywhere, so the result must carry the highest (RFC 7162 3.1.5). */
    static boolean mentionsModseq(SearchKey key) {
        if (key instanceof Not n) {
            return mentionsModseq(n.key());
        }
        if (key instanceof Or o) {
            return mentionsModseq(o.left()) || mentionsModseq(o.right());
        }
        if (key instanceof And a) {
            return a.keys().stream().anyMatch(SearchKey::mentionsModseq);
        }
        return key instanceof Modseq;
    }

    record Not(SearchKey key) implements SearchKey {
        public Need need() {
            return key.need();
        }

        @Override
        public Need need(Set<String> indexed) {
            return key.need(indexed);
        }

        public boolean matches(SearchContext c) {
            return !key.matches(c);
        }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
        public Need need() {
            return left.need().max(right.need());
        }

        @Override
        public Need need(Set<String> indexed) {
            return left.need(indexed).max(right.need(indexed));
        }

        public boolean matches(SearchContext c) {
            return left.matches(c) || right.matches(c);
        }
    }

    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }

        public Need need() {
            return need(Set.of());
        }

        @Override
        public Need need(Set<String> indexed) {
            Need n = Need.SUMMARY;
            for (SearchKey k : keys) {
                n = n.max(k.need(indexed));
            }
            return n;
        }

        public boolean matches(SearchContext c) {
            for (SearchKey k : keys) {
                if (!k.matches(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
