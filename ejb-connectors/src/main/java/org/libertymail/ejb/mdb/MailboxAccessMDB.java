package org.libertymail.ejb.mdb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.AccessDeniedException;
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
import org.libertymail.adapter.api.Placement;
import org.libertymail.adapter.api.Protocol;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.api.QuotaUsage;
import org.libertymail.adapter.api.Rights;
import org.libertymail.ejb.service.FilingService;
import org.libertymail.ejb.service.FolderRef;
import org.libertymail.ejb.service.FolderService;
import org.libertymail.ejb.service.MailboxService;
import org.libertymail.ejb.service.MessageStore;
import org.libertymail.ejb.service.PublicFolderService;
import org.libertymail.ejb.service.StoreCalls;
import org.libertymail.ejb.service.TextIndex;

/**
 * Serves the POP3 and IMAP4 listeners; each call is one transaction in the services. Names of
 * public folders are resolved here, once per call, to the public store's folder and the
 * account's rights on it (an account's own folders need no lookup); a missing right is an
 * {@link AccessDeniedException}.
 */
@MessageDriven(name = "MailboxAccessMDB", messageListenerInterface = MailboxAccessListener.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxAccessMDB implements MailboxAccessListener {
    @EJB
    MailboxService mailboxes;

    @EJB
    MessageStore store;

    @EJB
    FolderService folders;

    @EJB
    FilingService filing;

    @EJB
    PublicFolderService publicFolders;

    @EJB
    TextIndex textIndex;

    @Override
    public LoginResult authenticate(String user, String password, Protocol protocol) {
        return StoreCalls.run(() -> mailboxes.authenticate(user, password, protocol));
    }

    @Override
    public LoginResult authenticateApop(String user, String timestamp, String digest) {
        return StoreCalls.run(() -> mailboxes.authenticateApop(user, timestamp, digest));
    }

    @Override
    public boolean lockMaildrop(String account, String holder) {
        return StoreCalls.run(() -> mailboxes.lockMaildrop(account, holder));
    }

    @Override
    public void unlockMaildrop(String account, String holder) {
        StoreCalls.run(() -> {
            mailboxes.unlockMaildrop(account, holder);
            return null;
        });
    }

    @Override
    public List<FolderInfo> listFolders(String account) {
        List<FolderInfo> all = new ArrayList<>(StoreCalls.run(() -> store.listFolders(account)));
        all.addAll(StoreCalls.run(() -> publicFolders.visible(account)));
        return all;
    }

    @Override
    public String rights(String account, String folder) {
        FolderRef ref = ref(account, folder);
        if (ref == null || (!PublicFolders.isPublic(folder) && StoreCalls.run(() -> store.listFolders(account)).stream()
                .noneMatch(f -> f.name().equals(folder)))) {
            return null;
        }
        return ref.rights();
    }

    @Override
    public FolderChange createFolder(String account, String folder) {
        String owner = own(account, folder);
        return StoreCalls.run(() -> folders.create(owner, folder));
    }

    @Override
    public FolderChange deleteFolder(String account, String folder) {
        String owner = own(account, folder);
        return StoreCalls.run(() -> folders.delete(owner, folder));
    }

    @Override
    public FolderChange renameFolder(String account, String from, String to) {
        String owner = own(account, from);
        own(account, to);
        return StoreCalls.run(() -> folders.rename(owner, from, to));
    }

    @Override
    public void subscribe(String account, String folder, boolean subscribed) {
        StoreCalls.run(() -> {
            folders.subscribe(account, folder, subscribed);
            return null;
        });
    }

    @Override
    public List<String> subscriptions(String account) {
        return StoreCalls.run(() -> folders.subscriptions(account));
    }

    @Override
    public List<Long> expunge(String account, String folder, Collection<Long> uids) {
        FolderRef ref = existing(account, folder).require("e", "expunge messages in this folder");
        return StoreCalls.run(() -> store.expunge(ref.owner(), ref.name(), uids));
    }

    @Override
    public Placement append(String account, String folder, Set<String> flags, Instant internalDate, MessageContent content) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return Placement.refused(Placement.Outcome.NONEXISTENT);
        }
        ref.require("i", "add messages to this folder");
        Set<String> kept = permitted(ref, flags);
        return StoreCalls.run(() -> filing.append(ref.owner(), ref.name(), kept, internalDate, content));
    }

    @Override
    public Placement copy(String account, String from, Collection<Long> uids, String to, boolean move) {
        FolderRef source = move ? existing(account, from).require("rte", "move messages out of this folder")
                : existing(account, from).require("r", "read this folder");
        FolderRef target = ref(account, to);
        if (target == null) {
            return Placement.refused(Placement.Outcome.NONEXISTENT);
        }
        target.require("i", "add messages to this folder");
        return StoreCalls.run(() -> filing.copy(source.owner(), source.name(), uids, target.owner(), target.name(), move));
    }

    @Override
    public FolderSnapshot openFolder(String account, String folder, boolean claimRecent) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return null;
        }
        ref.require("r", "read this folder");
        if (ref.owner().equals(account)) {
            return StoreCalls.run(() -> store.openFolder(account, folder, claimRecent));
        }
        boolean claim = claimRecent && Rights.writable(ref.rights());
        FolderSnapshot snapshot = StoreCalls.run(() -> store.openFolder(ref.owner(), ref.name(), claim));
        return snapshot == null ? null : snapshot.as(folder, ref.rights());
    }

    @Override
    public FolderStatus folderStatus(String account, String folder) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return null;
        }
        ref.require("r", "read this folder");
        return StoreCalls.run(() -> store.folderStatus(ref.owner(), ref.name()));
    }

    @Override
    public QuotaUsage quota(String account) {
        return StoreCalls.run(() -> store.quota(account));
    }

    @Override
    public FolderDelta changesSince(String account, String folder, long modseq, long afterUid) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return null;
        }
        ref.require("r", "read this folder");
        return StoreCalls.run(() -> store.changesSince(ref.owner(), ref.name(), modseq, afterUid));
    }

    @Override
    public List<MessageData> fetch(String account, String folder, Collection<Long> uids, MessageLoad load) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return List.of();
        }
        ref.require("r", "read this folder");
        return StoreCalls.run(() -> store.fetch(ref.owner(), ref.name(), uids, load));
    }

    @Override
    public Set<Long> searchText(String account, String folder, String text) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return null;
        }
        ref.require("r", "read this folder");
        return textIndex.search(ref.owner(), ref.name(), text);
    }

    @Override
    public Map<Long, Long> renditionSizes(String account, String folder, String format) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return Map.of();
        }
        ref.require("r", "read this folder");
        return StoreCalls.run(() -> store.renditionSizes(ref.owner(), ref.name(), format));
    }

    @Override
    public void rememberRenditionSizes(String account, String folder, String format, Map<Long, Long> sizes) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return;
        }
        ref.require("r", "read this folder");
        StoreCalls.run(() -> {
            store.rememberRenditionSizes(ref.owner(), ref.name(), format, sizes);
            return null;
        });
    }

    @Override
    public byte[] readContent(String account, String folder, long uid, long offset, int length) {
        FolderRef ref = ref(account, folder);
        if (ref == null) {
            return null;
        }
        ref.require("r", "read this folder");
        return StoreCalls.run(() -> store.readContent(ref.owner(), ref.name(), uid, offset, length));
    }

    /**
     * RFC 4314 section 4: \Seen needs "s", \Deleted "t", other flags "w"; flags the account may
     * not change are left alone, and only a STORE that may change none of its flags is refused.
     * Replacing all flags needs all three rights, since it would change the others too.
     */
    @Override
    public FlagUpdate storeFlags(String account, String folder, Collection<Long> uids,
            FlagOperation operation, Set<String> flags, long unchangedSince) {
        FolderRef ref = existing(account, folder);
        Set<String> kept = flags;
        if (!ref.owner().equals(account)) {
            if (operation == FlagOperation.REPLACE) {
                ref.require("swt", "replace all flags in this folder");
            } else {
                kept = permitted(ref, flags);
                if (kept.isEmpty() && !flags.isEmpty()) {
                    throw new AccessDeniedException("You may not change these flags in this folder");
                }
            }
        }
        Set<String> change = kept;
        return StoreCalls.run(() -> store.storeFlags(ref.owner(), ref.name(), uids, operation, change, unchangedSince));
    }

    @Override
    public List<Long> expunge(String account, String folder) {
        FolderRef ref = existing(account, folder).require("e", "expunge messages in this folder");
        return StoreCalls.run(() -> store.expunge(ref.owner(), ref.name()));
    }

    @Override
    public List<Long> delete(String account, String folder, Collection<Long> uids) {
        FolderRef ref = existing(account, folder).require("te", "delete messages in this folder");
        return StoreCalls.run(() -> store.delete(ref.owner(), ref.name(), uids));
    }

    private FolderRef ref(String account, String folder) {
        return PublicFolders.isPublic(folder) ? StoreCalls.run(() -> publicFolders.resolve(account, folder))
                : FolderRef.own(account, folder);
    }

    /** A folder the session has open; one the account can no longer see allows nothing. */
    private FolderRef existing(String account, String folder) {
        FolderRef ref = ref(account, folder);
        return ref != null ? ref : new FolderRef(PublicFolders.OWNER, PublicFolders.storeName(folder), "");
    }

    /** Public folders are the administrator's to create, rename and delete. */
    private static String own(String account, String folder) {
        if (PublicFolders.isPublic(folder)) {
            throw new AccessDeniedException("Public folders are managed by the administrator");
        }
        return account;
    }

    private static Set<String> permitted(FolderRef ref, Set<String> flags) {
        Set<String> kept = new LinkedHashSet<>();
        for (String flag : flags) {
            char needed = flag.equalsIgnoreCase("\\Seen") ? 's' : flag.equalsIgnoreCase("\\Deleted") ? 't' : 'w';
            if (ref.has(needed)) {
                kept.add(flag);
            }
        }
        return kept;
    }
}
