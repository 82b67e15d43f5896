package org.libertymail.ejb.store;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One message in one folder: UID, flags, internal date and size. The content is a
 * {@link MessageBody}, shared with the other recipients' copies. System flags are columns so EXPUNGE and unseen counts use an index, not
 * a text scan; keywords are a space-separated list.
 */
@Entity
@Table(name = "MAIL_MESSAGE")
@NamedQuery(name = StoredMessage.SUMMARIES, query = "SELECT m FROM StoredMessage m WHERE m.folderId = :folder ORDER BY m.uid")
@NamedQuery(name = StoredMessage.UID_RANGE,
        query = "SELECT m FROM StoredMessage m WHERE m.folderId = :folder AND m.uid BETWEEN :low AND :high ORDER BY m.uid")
@NamedQuery(name = StoredMessage.DELETED, query = "SELECT m FROM StoredMessage m WHERE m.folderId = :folder AND m.deleted = TRUE")
@NamedQuery(name = StoredMessage.DELETE_UIDS,
        query = "DELETE FROM StoredMessage m WHERE m.folderId = :folder AND m.uid IN :uids")
public class StoredMessage {
    public static final String SUMMARIES = "StoredMessage.summaries";
    public static final String DELETED = "StoredMessage.deleted";
    public static final String UID_RANGE = "StoredMessage.uidRange";
    public static final String DELETE_UIDS = "StoredMessage.deleteUids";

    public static final String SEEN = "\\Seen";
    public static final String ANSWERED = "\\Answered";
    public static final String FLAGGED = "\\Flagged";
    public static final String DELETED_FLAG = "\\Deleted";
    public static final String DRAFT = "\\Draft";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "FOLDER_ID", nullable = false)
    private long folderId;

    @Column(name = "UID", nullable = false)
    private long uid;

    @Column(name = "BODY_ID", nullable = false)
    private long bodyId;

    @Column(name = "INTERNAL_DATE", nullable = false)
    private long internalDate;

    @Column(name = "MESSAGE_SIZE", nullable = false)
    private long size;

    @Column(name = "SEEN", nullable = false)
    private boolean seen;
    @Column(name = "ANSWERED", nullable = false)
    private boolean answered;
    @Column(name = "FLAGGED", nullable = false)
    private boolean flagged;
    @Column(name = "DELETED", nullable = false)
    private boolean deleted;
    @Column(name = "DRAFT", nullable = false)
    private boolean draft;
    @Column(name = "MODSEQ", nullable = false)
    private long modseq;

    @Column(name = "KEYWORDS", nullable = false, length = 2000)
    private String keywords = "";

    /** Rows are inserted by DeliveryService in SQL; JPA reads them and changes their flags. */
    protected StoredMessage() {
    }


    public Long getId() {
        return id;
    }

    public long getUid() {
        return uid;
    }

    public long getBodyId() {
        return bodyId;
    }

    public long getModseq() {
        return modseq;
    }

    public void setModseq(long modseq) {
        this.modseq = modseq;
    }

    public long getInternalDate() {
        return internalDate;
    }

    public long getSize() {
        return size;
    }

    public Set<String> getFlags() {
        return flags(answered, flagged, deleted, seen, draft, keywords);
    }

    /** The flag set of a row's flag columns (for rows read without the entity). */
    public static Set<String> flags(boolean answered, boolean flagged, boolean deleted, boolean seen, boolean draft,
            String keywords) {
        Set<String> flags = new LinkedHashSet<>();
        if (answered) {
            flags.add(ANSWERED);
        }
        if (flagged) {
            flags.add(FLAGGED);
        }
        if (deleted) {
            flags.add(DELETED_FLAG);
        }
        if (seen) {
            flags.add(SEEN);
        }
        if (draft) {
            flags.add(DRAFT);
        }
        if (!keywords.isEmpty()) {
            flags.addAll(Set.of(keywords.split(" ")));
        }
        return flags;
    }

    /** Replaces all flags; names are canonical system flags or keywords. */
    public void setFlags(Set<String> flags) {
        answered = flags.contains(ANSWERED);
        flagged = flags.contains(FLAGGED);
        deleted = flags.contains(DELETED_FLAG);
        seen = flags.contains(SEEN);
        draft = flags.contains(DRAFT);
        keywords = keywords(flags);
    }

    /** The KEYWORDS column for a flag set: its keywords, space-separated. */
    public static String keywords(Set<String> flags) {
        StringBuilder k = new StringBuilder();
        for (String flag : flags) {
            if (!flag.startsWith("\\")) {
                if (k.length() > 0) {
                    k.append(' ');
                }
                k.append(flag);
            }
        }
        return k.toString();
    }
}
