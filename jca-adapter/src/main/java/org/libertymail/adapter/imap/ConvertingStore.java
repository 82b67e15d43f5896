package org.libertymail.adapter.imap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.api.FlagUpdate;
import org.libertymail.adapter.api.FolderChange;
import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.FolderStatus;
import org.libertymail.adapter.api.LoginResult;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.Placement;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.QuotaUsage;
import org.libertymail.adapter.api.RetrievalFormat;
import org.libertymail.adapter.mime.BodyFormatConverter;
import org.libertymail.adapter.mime.MessageAnalyzer;
import org.libertymail.adapter.protocol.FolderDeltas;
import org.libertymail.adapter.protocol.RenditionSizes;
import org.libertymail.adapter.protocol.StoredContent;

/**
 * The store as an IMAP session sees it when its mailbox is served in another body format
 * (Set-ImapSettings' MessageRetrievalMimeFormat): every message read is converted, and its
 * header, ENVELOPE, BODYSTRUCTURE and sections are those of the converted message. With
 * EnableExactRFC822Size, RFC822.SIZE is the converted size too (each message converted once for
 * the store's size cache); without it, the stored size stands for it, as Exchange estimates.
 * Everything else goes to the store unchanged.
 */
public final class ConvertingStore implements MailboxAccessListener {
    /** Messages converted lately, by folder and UID: FETCH of parts and pieces asks for one again and again. */
    static final int RECENT = 8;

    private final MailboxAccessListener store;
    private final RetrievalFormat format;
    private final boolean exactSizes;
    private final Map<String, byte[]> recent = new LinkedHashMap<>(RECENT * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > RECENT;
        }
    };

    public ConvertingStore(MailboxAccessListener store, RetrievalFormat format, boolean exactSizes) {
        this.store = store;
        this.format = format;
        this.exactSizes = exactSizes;
    }

    /** The changes others made, with sizes as this session tells them. */
    public FolderDeltas deltas(FolderDeltas shared) {
        return (account, folder, modseq, afterUid) -> sized(account, folder, shared.since(account, folder, modseq, afterUid));
    }

    private List<MessageSummary> sized(String account, String folder, List<MessageSummary> messages) {
        return exactSizes ? RenditionSizes.of(store, account, folder, format, messages) : messages;
    }

    private FolderDelta sized(String account, String folder, FolderDelta delta) {
        if (delta == null || !exactSizes || delta.changed().isEmpty()) {
            return delta;
        }
        return new FolderDelta(delta.uidValidity(), delta.uidNext(), delta.highestModseq(),
                sized(account, folder, delta.changed()), delta.expunged());
    }

    @Override
    public FolderSnapshot openFolder(String account, String folder, boolean claimRecent) {
        FolderSnapshot s = store.openFolder(account, folder, claimRecent);
        if (s == null || !exactSizes) {
            return s;
        }
        return new FolderSnapshot(s.name(), s.uidValidity(), s.uidNext(), s.firstRecentUid(),
                sized(account, folder, s.messages()), s.highestModseq(), s.rights());
    }

    /** SIZE counts the sizes the session is told: the converted ones when they are exact. */
    @Override
    public FolderStatus folderStatus(String account, String folder) {
        return exactSizes ? MailboxAccessListener.super.folderStatus(account, folder) : store.folderStatus(account, folder);
    }

    @Override
    public FolderDelta changesSince(String account, String folder, long modseq, long afterUid) {
        return sized(account, folder, store.changesSince(account, folder, modseq, afterUid));
    }

    @Override
    public List<MessageData> fetch(String account, String folder, Collection<Long> uids, MessageLoad load) {
        if (load == MessageLoad.SUMMARY) {
            return store.fetch(account, folder, uids, load);
        }
        StoredContent content = new StoredContent(store, account, folder);
        List<MessageData> result = new ArrayList<>();
        for (MessageData d : store.fetch(account, folder, uids, MessageLoad.ALL)) {
            byte[] stored = d.content() != null ? d.content() : content.whole(d);
            byte[] served = BodyFormatConverter.convert(stored, format);
            recent.put(folder + "\u0000" + d.uid(), served);
            if (served == stored) {
                // already in the format: the stored analysis holds
                result.add(new MessageData(d.uid(), d.flags(), d.size(), d.internalDate(), stored, d.header(), d.structure(),
                        d.modseq()));
                continue;
            }
            MessageAnalyzer.Analysis analysis = MessageAnalyzer.analyze(served);
            result.add(new MessageData(d.uid(), d.flags(), served.length, d.internalDate(), served, analysis.header(),
                    analysis.structure(), d.modseq()));
        }
        return result;
    }

    @Override
    public byte[] readContent(String account, String folder, long uid, long offset, int length) {
        byte[] served = recent.get(folder + "\u0000" + uid);
        if (served == null) {
            List<MessageData> found = fetch(account, folder, List.of(uid), MessageLoad.CONTENT);
            if (found.isEmpty()) {
                return null;
            }
            served = found.get(0).content();
        }
        int from = (int) Math.min(offset, served.length);
        return Arrays.copyOfRange(served, from, (int) Math.min(served.length, from + (long) length));
    }

    @Override
    public FlagUpdate storeFlags(String account, String folder, Collection<Long> uids, FlagOperation operation,
            Set<String> flags, long unchangedSince) {
        FlagUpdate update = store.storeFlags(account, folder, uids, operation, flags, unchangedSince);
        return exactSizes ? new FlagUpdate(sized(account, folder, update.messages()), update.modified()) : update;
    }

    // What follows reads or changes no message content: the store's answer stands.

    @Override
    public LoginResult authenticate(String user, String password, Protocol protocol) {
        return store.authenticate(user, password, protocol);
    }

    @Override
    public LoginResult authenticateApop(String user, String timestamp, String digest) {
        return store.authenticateApop(user, timestamp, digest);
    }

    @Override
    public List<FolderInfo> listFolders(String account) {
        return store.listFolders(account);
    }

    @Override
    public String rights(String account, String folder) {
        return store.rights(account, folder);
    }

    @Override
    public boolean lockMaildrop(String account, String holder) {
        return store.lockMaildrop(account, holder);
    }

    @Override
    public void unlockMaildrop(String account, String holder) {
        store.unlockMaildrop(account, holder);
    }

    @Override
    public QuotaUsage quota(String account) {
        return store.quota(account);
    }

    @Override
    public FolderChange createFolder(String account, String folder) {
        return store.createFolder(account, folder);
    }

    @Override
    public FolderChange deleteFolder(String account, String folder) {
        return store.deleteFolder(account, folder);
    }

    @Override
    public FolderChange renameFolder(String account, String from, String to) {
        return store.renameFolder(account, from, to);
    }

    @Override
    public void subscribe(String account, String folder, boolean subscribed) {
        store.subscribe(account, folder, subscribed);
    }

    @Override
    public List<String> subscriptions(String account) {
        return store.subscriptions(account);
    }

    @Override
    public Map<Long, Long> renditionSizes(String account, String folder, String format) {
        return store.renditionSizes(account, folder, format);
    }

    @Override
    public void rememberRenditionSizes(String account, String folder, String format, Map<Long, Long> sizes) {
        store.rememberRenditionSizes(account, folder, format, sizes);
    }

    @Override
    public Set<Long> searchText(String account, String folder, String text) {
        return store.searchText(account, folder, text);
    }

    @Override
    public Placement append(String account, String folder, Set<String> flags, Instant internalDate, MessageContent content) {
        return store.append(account, folder, flags, internalDate, content);
    }

    @Override
    public Placement copy(String account, String from, Collection<Long> uids, String to, boolean move) {
        return store.copy(account, from, uids, to, move);
    }

    @Override
    public List<Long> expunge(String account, String folder) {
        return store.expunge(account, folder);
    }

    @Override
    public List<Long> expunge(String account, String folder, Collection<Long> uids) {
        return store.expunge(account, folder, uids);
    }

    @Override
    public List<Long> delete(String account, String folder, Collection<Long> uids) {
        return store.delete(account, folder, uids);
    }
}
