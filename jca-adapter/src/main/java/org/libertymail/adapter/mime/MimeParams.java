package org.libertymail.adapter.mime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MIME header value with parameters: Content-Type and Content-Disposition (RFC 2045 5.1,
 * RFC 2183). RFC 2231 continuations (name*0, name*1* …) are joined into one parameter, named
 * {@code name*} when any piece was encoded, so a client sees each parameter once.
 *
 * @param value the part before the first ";" ("text/plain", "attachment"), lower case
 * @param params parameter names in lower case with their values, in header order
 */
record MimeParams(String value, Map<String, String> params) {

    static MimeParams parse(String header) {
        MimeTokens t = new MimeTokens(header);
        String value = t.until(";").strip().toLowerCase(Locale.ROOT);
        Map<String, String> raw = new LinkedHashMap<>();
        while (t.consume(';')) {
            String name = t.until("=;").strip().toLowerCase(Locale.ROOT);
            if (!t.consume('=')) {
                t.until(";");
                continue;
            }
            String v = t.value();
            if (!name.isEmpty() && !raw.containsKey(name)) {
                raw.put(name, v);
            }
        }
        return new MimeParams(value, joinContinuations(raw));
    }

    String param(String name) {
        return params.get(name);
    }

    private static Map<String, String> joinContinuations(Map<String, String> raw) {
        Map<String, TreeMap<Integer, String>> pieces = new LinkedHashMap<>();
        Map<String, Boolean> encoded = new LinkedHashMap<>();
        Map<String, String> result = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = e.getKey();
            int star = name.indexOf('*');
            if (star > 0 && star < name.length() - 1) {
                String base = name.substring(0, star);
                String index = name.substring(star + 1);
                boolean isEncoded = index.endsWith("*");
                if (isEncoded) {
                    index = index.substring(0, index.length() - 1);
                }
                try {
                    int n = Integer.parseInt(index);
                    pieces.computeIfAbsent(base, k -> new TreeMap<>()).put(n, e.getValue());
                    encoded.merge(base, isEncoded, Boolean::logicalOr);
                    if (!order.contains(base)) {
                        order.add(base);
                    }
                    continue;
                } catch (NumberFormatException notAContinuation) {
                    // an unusual name; kept as it is
                }
            }
            result.put(name, e.getValue());
            order.add(name);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : order) {
            if (pieces.containsKey(name)) {
                String joined = String.join("", pieces.get(name).values());
                ordered.put(encoded.get(name) ? name + "*" : name, joined);
            } else {
                ordered.put(name, result.get(name));
            }
        }
        return ordered;
    }
}
