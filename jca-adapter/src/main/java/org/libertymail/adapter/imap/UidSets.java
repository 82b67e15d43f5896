package org.libertymail.adapter.imap;

import java.util.List;

/** A uid-set for the UIDPLUS codes: runs of consecutive UIDs as "a:b", in the given order. */
public final class UidSets {
    private UidSets() {
    }

    public static String of(List<Long> uids) {
        StringBuilder set = new StringBuilder();
        int i = 0;
        while (i < uids.size()) {
            int j = i;
            while (j + 1 < uids.size() && uids.get(j + 1) == uids.get(j) + 1) {
                j++;
            }
            set.append(set.length() == 0 ? "" : ",").append(uids.get(i));
            if (j > i) {
                set.append(':').append(uids.get(j));
            }
            i = j + 1;
        }
        return set.toString();
    }
}
