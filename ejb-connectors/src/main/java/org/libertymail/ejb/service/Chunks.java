package org.libertymail.ejb.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Query;

/** Splits id batches so that no SQL IN list grows without bound. */
final class Chunks {
    static final int SIZE = 500;

    private Chunks() {
    }

    static <T> List<List<T>> of(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SIZE) {
            chunks.add(all.subList(i, Math.min(all.size(), i + SIZE)));
        }
        return chunks;
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Binds {@code values} to the positional parameters 1..n of a native query. */
    static Query bind(Query query, List<Long> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }
}
