package org.libertymail.adapter.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.libertymail.adapter.api.AccessDeniedException;
import org.libertymail.adapter.api.ApopDigest;
import org.libertymail.adapter.api.DeliveryReceipt;
import org.libertymail.adapter.api.Envelope;
import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.api.FlagUpdate;
import org.libertymail.adapter.api.FolderChange;
import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.FolderStatus;
import org.libertymail.adapter.api.LoginResult;
import org.libertymail.adapter.api.MailDeliveryListener;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MailboxOverrides;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.Placement;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.api.QuotaUsage;
import org.libertymail.adapter.api.RecipientCheck;
import org.libertymail.adapter.api.RecipientVerdict;
import org.libertymail.adapter.api.Rights;
import org.libertymail.adapter.mime.MessageAnalyzer;

/**
 * A working in-memory implementation of both listener contracts, with the semantics the EJB
 * store has (UIDs, flags, \Recent claiming), so protocol engines can be tested on their own.
 */
public final class InMemoryMailStore implements MailDeliveryListener, MailboxAccessListener {
    private final java.util.Set<String> routedDomains = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Envelope> envelopes = new java.util.concurrent.CopyOnWriteArrayList<>();
    public static final long UID_VALIDITY = 1234;

    private final Set<String> domains = new LinkedHashSet<>();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, Folder> inboxes = new LinkedHashMap<>();
    private final Map<String, Long> quotas = new LinkedHashMap<>();
    /** Folder names of each account and their special use ("" for none); INBOX's messages are in {@link #inboxes}. */
    private final Map<String, TreeMap<String, String>> folders = new LinkedHashMap<>();
    private final Map<String, java.util.TreeSet<String>> subscriptions = new LinkedHashMap<>();
    /** Public folders (client names) and every account's rights on them; they stay empty here. */
    private final Map<String, String> publicFolders = new TreeMap<>();
    public final List<String> calls = new ArrayList<>();
    private long otherUids = 1;
    public RuntimeException failure;

    private static final class Folder {
        final TreeMap<Long, MessageData> messages = new TreeMap<>();
        /** Removed UIDs and the modification that removed them. */
        final TreeMap<Long, Long> expunged = new TreeMap<>();
        long uidNext = 1;
        long firstRecent = 1;
        long highestModseq = 1;

        /** The next modification sequence, as the store's folder lock gives it. */
        long change() {
            return ++highestModseq;
        }

        void put(MessageData m, long modseq) {
            messages.put(m.uid(), new MessageData(m.uid(), m.flags(), m.size(), m.internalDate(), m.content(), null, null, modseq));
        }

        MessageData remove(long uid, long modseq) {
            MessageData gone = messages.remove(uid);
            if (gone != null) {
                expunged.put(uid, modseq);
            }
            return gone;
        }
    }

    /** A public folder on which every account has {@code rights}. */
    public InMemoryMailStore publicFolder(String name, String rights) {
        publicFolders.put(PublicFolders.PREFIX + name, rights);
        return this;
    }

    public InMemoryMailStore domain(String domain) {
        domains.add(domain);
        return this;
    }

    public InMemoryMailStore mailbox(String address, String password) {
        passwords.put(address, password);
        inboxes.put(address, new Folder());
        TreeMap<String, String> names = new TreeMap<>(Map.of("INBOX", "", "Sent", "\\Sent", "Trash", "\\Trash"));
        folders.put(address, names);
        subscriptions.put(address, new java.util.TreeSet<>(names.keySet()));
        return this;
    }

    public long add(String account, String content, String... flags) {
        Folder f = inboxes.get(account);
        long uid = f.uidNext++;
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        f.put(new MessageData(uid, Set.of(flags), bytes.length, Instant.parse("2026-01-02T03:04:05Z"), bytes), f.change());
        return uid;
    }

    public List<MessageData> messages(String account) {
        return new ArrayList<>(inboxes.get(account).messages.values());
    }

    /** Limits the bytes a mailbox may hold, as the store's quotas do. */
    public InMemoryMailStore quota(String address, long bytes) {
        quotas.put(address, bytes);
        return this;
    }

    private boolean overQuota(String address, long adding) {
        Long quota = quotas.get(address);
        if (quota == null) {
            return false;
        }
        long used = inboxes.get(address).messages.values().stream().mapToLong(MessageData::size).sum();
        return used >= quota || used + adding > quota;
    }

    @Override
    public RecipientCheck checkRecipient(String address, long declaredSize) {
        calls.add("checkRecipient " + address);
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (!domains.contains(domain)) {
            return routedDomains.contains(domain) ? RecipientCheck.remote() : RecipientCheck.refused(RecipientVerdict.RELAY_DENIED);
        }
        if (!passwords.containsKey(address)) {
            return RecipientCheck.refused(RecipientVerdict.UNKNOWN_MAILBOX);
        }
        if (overQuota(address, Math.max(0, declaredSize))) {
            return RecipientCheck.refused(RecipientVerdict.OVER_QUOTA);
        }
        Long quota = quotas.get(address);
        return RecipientCheck.accepted(RecipientCheck.UNLIMITED, quota == null ? RecipientCheck.UNLIMITED
                : quota - inboxes.get(address).messages.values().stream().mapToLong(MessageData::size).sum());
    }

    @Override
    public DeliveryReceipt deliver(Envelope envelope, MessageContent content) {
        String reversePath = envelope.reversePath();
        List<String> recipients = envelope.localAddresses();
        calls.add("deliver " + reversePath + " " + envelope.recipients().stream().map(EnvelopeRecipient::address).toList());
        envelopes.add(envelope);
        if (failure != null) {
            throw failure;
        }
        byte[] bytes;
        try (var in = content.open()) {
            bytes = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String r : recipients) {
            if (overQuota(r, bytes.length)) {
                return DeliveryReceipt.overQuota(r);
            }
        }
        for (String r : recipients) {
            add(r, new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return DeliveryReceipt.stored("test", recipients.size(), recipients);
    }

    /** Lets mail to {@code domain} be sent on, as a send connector covering it would. */
    public void routeDomain(String domain) {
        routedDomains.add(domain);
    }

    /** Every envelope delivered, in order. */
    public List<Envelope> envelopes() {
        return envelopes;
    }

    @Override
    public LoginResult authenticate(String user, String password, Protocol protocol) {
        if (password == null || !password.equals(passwords.get(user))) {
            return LoginResult.refused(LoginResult.Refusal.CREDENTIALS);
        }
        if (disabled.contains(user) || disabled.contains(user + " " + protocol)) {
            return LoginResult.refused(disabled.contains(user) ? LoginResult.Refusal.MAILBOX_DISABLED
                    : LoginResult.Refusal.PROTOCOL_DISABLED);
        }
        return LoginResult.ok(user, overrides.getOrDefault(user, MailboxOverrides.NONE));
    }

    @Override
    public LoginResult authenticateApop(String user, String timestamp, String digest) {
        calls.add("authenticateApop " + user);
        String secret = apopSecrets.get(user);
        if (secret == null || !ApopDigest.matches(digest, timestamp, secret)) {
            return LoginResult.refused(LoginResult.Refusal.CREDENTIALS);
        }
        return LoginResult.ok(user, overrides.getOrDefault(user, MailboxOverrides.NONE));
    }

    /** Mailboxes' own POP3 retrieval settings. */
    public final Map<String, MailboxOverrides> overrides = new LinkedHashMap<>();
    /** APOP secrets of the mailboxes an administrator enabled APOP for. */
    public final Map<String, String> apopSecrets = new LinkedHashMap<>();
    /** Remembered sizes of served renditions: "account format uid" to octets. */
    public final Map<String, Long> renditions = new LinkedHashMap<>();

    @Override
    public Map<Long, Long> renditionSizes(String account, String folder, String format) {
        calls.add("renditionSizes " + format);
        Map<Long, Long> sizes = new TreeMap<>();
        renditions.forEach((key, size) -> {
            String[] k = key.split(" ");
            if (k[0].equals(account) && k[1].equals(format)) {
                sizes.put(Long.parseLong(k[2]), size);
            }
        });
        return sizes;
    }

    @Override
    public void rememberRenditionSizes(String account, String folder, String format, Map<Long, Long> sizes) {
        calls.add("rememberRenditionSizes " + sizes.size());
        sizes.forEach((uid, size) -> renditions.put(account + " " + format + " " + uid, size));
    }

    /** Mailboxes ("a@b") and mailbox protocols ("a@b IMAP") the administrator disabled. */
    public final Set<String> disabled = new LinkedHashSet<>();

    @Override
    public List<FolderInfo> listFolders(String account) {
        List<FolderInfo> all = new ArrayList<>(folders.get(account).entrySet().stream()
                .map(e -> new FolderInfo(e.getKey(), e.getValue().isEmpty() ? null : e.getValue(), true,
                        hiddenFolders.contains(e.getKey()))).toList());
        if (!publicFolders.isEmpty()) {
            all.add(new FolderInfo(PublicFolders.ROOT, null, false));
            publicFolders.keySet().forEach(name -> all.add(new FolderInfo(name)));
        }
        return all;
    }

    /** Folder names an administrator hid from IMAP listings. */
    public final Set<String> hiddenFolders = new LinkedHashSet<>();

    /** POP3 maildrop locks: account to holder. */
    public final Map<String, String> maildropLocks = new LinkedHashMap<>();

    @Override
    public boolean lockMaildrop(String account, String holder) {
        return maildropLocks.putIfAbsent(account, holder) == null || maildropLocks.get(account).equals(holder);
    }

    @Override
    public void unlockMaildrop(String account, String holder) {
        maildropLocks.remove(account, holder);
    }

    /** When set, SEARCH BODY/TEXT are answered with these UIDs for any string, as from an index. */
    public Set<Long> textHits;

    @Override
    public Set<Long> searchText(String account, String folder, String text) {
        calls.add("searchText " + text);
        return textHits;
    }

    @Override
    public String rights(String account, String folder) {
        calls.add("rights " + folder);
        return PublicFolders.isPublic(folder) ? publicFolders.get(folder)
                : folders.get(account).containsKey(folder) ? Rights.OWNER : null;
    }

    @Override
    public QuotaUsage quota(String account) {
        Folder f = inboxes.get(account);
        return f == null ? null : new QuotaUsage(f.messages.values().stream().mapToLong(MessageData::size).sum(),
                quotas.get(account), f.messages.size(), null);
    }

    /** INBOX keeps what is appended; other folders only count UIDs here. */
    @Override
    public Placement append(String account, String folder, Set<String> flags, Instant internalDate, MessageContent content) {
        calls.add("append " + folder);
        if (!folders.get(account).containsKey(folder)) {
            return Placement.refused(Placement.Outcome.NONEXISTENT);
        }
        if (!folder.equals("INBOX")) {
            return new Placement(Placement.Outcome.DONE, UID_VALIDITY, List.of(), List.of(otherUids++));
        }
        Folder f = inboxes.get(account);
        long uid = f.uidNext++;
        byte[] bytes;
        try (var in = content.open()) {
            bytes = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        f.put(new MessageData(uid, flags, bytes.length, internalDate, bytes), f.change());
        return new Placement(Placement.Outcome.DONE, UID_VALIDITY, List.of(), List.of(uid));
    }

    /** From INBOX into another folder, which only counts UIDs here. */
    @Override
    public Placement copy(String account, String from, Collection<Long> uids, String to, boolean move) {
        if (!folders.get(account).containsKey(to)) {
            return Placement.refused(Placement.Outcome.NONEXISTENT);
        }
        List<Long> source = uids.stream().filter(inboxes.get(account).messages::containsKey).sorted().toList();
        List<Long> placed = new ArrayList<>();
        long modseq = inboxes.get(account).change();
        for (long uid : source) {
            placed.add(otherUids++);
            if (move) {
                inboxes.get(account).remove(uid, modseq);
            }
        }
        return new Placement(Placement.Outcome.DONE, UID_VALIDITY, source, placed);
    }

    @Override
    public FolderChange createFolder(String account, String folder) {
        calls.add("createFolder " + folder);
        TreeMap<String, String> names = folders.get(account);
        if (names.containsKey(folder)) {
            return FolderChange.EXISTS;
        }
        for (int i = folder.indexOf('/'); i > 0; i = folder.indexOf('/', i + 1)) {
            names.putIfAbsent(folder.substring(0, i), "");
        }
        names.put(folder, "");
        return FolderChange.DONE;
    }

    @Override
    public FolderChange deleteFolder(String account, String folder) {
        TreeMap<String, String> names = folders.get(account);
        if (folder.equals("INBOX")) {
            return FolderChange.NOT_ALLOWED;
        }
        if (!names.containsKey(folder)) {
            return FolderChange.NONEXISTENT;
        }
        if (names.keySet().stream().anyMatch(n -> n.startsWith(folder + "/"))) {
            return FolderChange.HAS_CHILDREN;
        }
        names.remove(folder);
        return FolderChange.DONE;
    }

    @Override
    public FolderChange renameFolder(String account, String from, String to) {
        TreeMap<String, String> names = folders.get(account);
        if (!names.containsKey(from)) {
            return FolderChange.NONEXISTENT;
        }
        if (names.containsKey(to)) {
            return FolderChange.EXISTS;
        }
        if (from.equals("INBOX")) {
            names.put(to, "");
            return FolderChange.DONE;
        }
        for (String name : List.copyOf(names.keySet())) {
            if (name.equals(from) || name.startsWith(from + "/")) {
                names.put(to + name.substring(from.length()), names.remove(name));
            }
        }
        return FolderChange.DONE;
    }

    @Override
    public void subscribe(String account, String folder, boolean subscribed) {
        if (subscribed) {
            subscriptions.get(account).add(folder);
        } else {
            subscriptions.get(account).remove(folder);
        }
    }

    @Override
    public List<String> subscriptions(String account) {
        return List.copyOf(subscriptions.get(account));
    }

    @Override
    public FolderSnapshot openFolder(String account, String folder, boolean claimRecent) {
        calls.add("openFolder " + folder);
        if (publicFolders.containsKey(folder)) {
            if (!Rights.has(publicFolders.get(folder), 'r')) {
                throw new AccessDeniedException("You may not read this folder");
            }
            return new FolderSnapshot(folder, UID_VALIDITY, 1, 1, List.of(), 1, publicFolders.get(folder));
        }
        if (!folder.equals("INBOX") && folders.get(account).containsKey(folder)) {
            return new FolderSnapshot(folder, UID_VALIDITY, 1, 1, List.of(), 1); // other folders stay empty here
        }
        Folder f = folder.equals("INBOX") ? inboxes.get(account) : null;
        if (f == null) {
            return null;
        }
        long firstRecent = f.firstRecent;
        if (claimRecent) {
            f.firstRecent = f.uidNext;
        }
        return new FolderSnapshot(folder, UID_VALIDITY, f.uidNext, firstRecent,
                f.messages.values().stream().map(MessageData::summary).toList(), f.highestModseq);
    }

    /** Counts as the real store does, without the listing (the calls show which was asked). */
    @Override
    public FolderStatus folderStatus(String account, String folder) {
        FolderSnapshot snapshot = openFolder(account, folder, false);
        calls.set(calls.size() - 1, "folderStatus " + folder);
        return snapshot == null ? null : FolderStatus.of(snapshot);
    }

    @Override
    public FolderDelta changesSince(String account, String folder, long modseq, long afterUid) {
        calls.add("changesSince " + folder + " " + modseq);
        if (!folders.get(account).containsKey(folder)) {
            return null;
        }
        if (!folder.equals("INBOX")) {
            return new FolderDelta(UID_VALIDITY, 1, 1, List.of(), List.of());
        }
        Folder f = inboxes.get(account);
        return new FolderDelta(UID_VALIDITY, f.uidNext, f.highestModseq,
                f.messages.values().stream().filter(m -> m.modseq() > modseq || m.uid() > afterUid).map(MessageData::summary).toList(),
                f.expunged.entrySet().stream().filter(e -> e.getValue() > modseq).map(Map.Entry::getKey).toList());
    }

    @Override
    public List<MessageData> fetch(String account, String folder, Collection<Long> uids, MessageLoad load) {
        calls.add("fetch " + uids + (load == MessageLoad.SUMMARY ? "" : " " + load));
        List<MessageData> out = new ArrayList<>();
        for (long uid : new java.util.TreeSet<>(uids)) {
            MessageData m = inboxes.get(account).messages.get(uid);
            if (m != null) {
                boolean inline = load.content() && m.size() <= INLINE_CONTENT_LIMIT;
                // the analysis a real store keeps from delivery, made here when asked
                MessageAnalyzer.Analysis analysis = !load.structure() ? null : MessageAnalyzer.analyze(m.content());
                out.add(new MessageData(uid, m.flags(), m.size(), m.internalDate(), inline ? m.content() : null,
                        analysis == null ? null : analysis.header(), analysis == null ? null : analysis.structure(), m.modseq()));
            }
        }
        return out;
    }

    @Override
    public byte[] readContent(String account, String folder, long uid, long offset, int length) {
        calls.add("readContent " + uid + " " + offset);
        MessageData m = inboxes.get(account).messages.get(uid);
        if (m == null) {
            return null;
        }
        int from = (int) Math.min(offset, m.content().length);
        return java.util.Arrays.copyOfRange(m.content(), from, (int) Math.min(m.content().length, (long) from + length));
    }

    @Override
    public FlagUpdate storeFlags(String account, String folder, Collection<Long> uids, FlagOperation operation,
            Set<String> flags, long unchangedSince) {
        List<MessageSummary> out = new ArrayList<>();
        List<Long> modified = new ArrayList<>();
        Folder f = inboxes.get(account);
        long modseq = f.change();
        for (long uid : new java.util.TreeSet<>(uids)) {
            MessageData m = f.messages.get(uid);
            if (m == null) {
                continue;
            }
            if (m.modseq() > unchangedSince) {
                modified.add(uid);
                out.add(m.summary());
                continue;
            }
            Set<String> updated = new LinkedHashSet<>(operation == FlagOperation.REPLACE ? Set.of() : m.flags());
            if (operation == FlagOperation.REMOVE) {
                updated.removeAll(flags);
            } else {
                updated.addAll(flags);
            }
            if (!updated.equals(m.flags())) {
                f.put(new MessageData(uid, updated, m.size(), m.internalDate(), m.content()), modseq);
            }
            out.add(f.messages.get(uid).summary());
        }
        return new FlagUpdate(out, modified);
    }

    @Override
    public List<Long> expunge(String account, String folder) {
        calls.add("expunge " + folder);
        if (publicFolders.containsKey(folder) && !Rights.has(publicFolders.get(folder), 'e')) {
            throw new AccessDeniedException("You may not expunge messages in this folder");
        }
        Folder f = inboxes.get(account);
        long modseq = f.change();
        List<Long> gone = f.messages.values().stream().filter(m -> m.flags().contains("\\Deleted")).map(MessageData::uid).toList();
        gone.forEach(uid -> f.remove(uid, modseq));
        return gone;
    }

    @Override
    public List<Long> expunge(String account, String folder, Collection<Long> uids) {
        calls.add("expunge " + uids);
        Folder f = inboxes.get(account);
        long modseq = f.change();
        List<Long> removed = f.messages.values().stream()
                .filter(m -> uids.contains(m.uid()) && m.flags().contains("\\Deleted")).map(MessageData::uid).toList();
        removed.forEach(uid -> f.remove(uid, modseq));
        return removed;
    }

    @Override
    public List<Long> delete(String account, String folder, Collection<Long> uids) {
        calls.add("delete " + uids);
        List<Long> gone = new ArrayList<>();
        Folder f = inboxes.get(account);
        long modseq = f.change();
        for (long uid : uids) {
            if (f.remove(uid, modseq) != null) {
                gone.add(uid);
            }
        }
        return gone;
    }
}
