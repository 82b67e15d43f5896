package org.libertymail.ejb.mdb;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.api.FlagUpdate;
import org.libertymail.adapter.api.FolderChange;
import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.MailboxAccessListener;
import org.libertymail.adapter.api.MessageContent;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.api.Placement;
import org.libertymail.adapter.api.QuotaUsage;
import org.libertymail.ejb.service.FilingService;
import org.libertymail.ejb.service.FolderService;
import org.libertymail.ejb.service.MailboxService;
import org.libertymail.ejb.service.MessageStore;
import org.libertymail.ejb.service.StoreCalls;

/** Serves the POP3 and IMAP4 listeners; each call is one transaction in the services. */
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

    @Override
    public String authenticate(String user, String password) {
        return StoreCalls.run(() -> mailboxes.authenticate(user, password));
    }

    @Override
    public List<FolderInfo> listFolders(String account) {
        return StoreCalls.run(() -> store.listFolders(account));
    }

    @Override
    public FolderChange createFolder(String account, String folder) {
        return StoreCalls.run(() -> folders.create(account, folder));
    }

    @Override
    public FolderChange deleteFolder(String account, String folder) {
        return StoreCalls.run(() -> folders.delete(account, folder));
    }

    @Override
    public FolderChange renameFolder(String account, String from, String to) {
        return StoreCalls.run(() -> folders.rename(account, from, to));
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
        return StoreCalls.run(() -> store.expunge(account, folder, uids));
    }

    @Override
    public Placement append(String account, String folder, Set<String> flags, Instant internalDate, MessageContent content) {
        return StoreCalls.run(() -> filing.append(account, folder, flags, internalDate, content));
    }

    @Override
    public Placement copy(String account, String from, Collection<Long> uids, String to, boolean move) {
        return StoreCalls.run(() -> filing.copy(account, from, uids, to, move));
    }

    @Override
    public FolderSnapshot openFolder(String account, String folder, boolean claimRecent) {
        return StoreCalls.run(() -> store.openFolder(account, folder, claimRecent));
    }

    @Override
    public QuotaUsage quota(String account) {
        return StoreCalls.run(() -> store.quota(account));
    }

    @Override
    public FolderDelta changesSince(String account, String folder, long modseq, long afterUid) {
        return StoreCalls.run(() -> store.changesSince(account, folder, modseq, afterUid));
    }

    @Override
    public List<MessageData> fetch(String account, String folder, Collection<Long> uids, MessageLoad load) {
        return StoreCalls.run(() -> store.fetch(account, folder, uids, load));
    }

    @Override
    public byte[] readContent(String account, String folder, long uid, long offset, int length) {
        return StoreCalls.run(() -> store.readContent(account, folder, uid, offset, length));
    }

    @Override
    public FlagUpdate storeFlags(String account, String folder, Collection<Long> uids,
            FlagOperation operation, Set<String> flags, long unchangedSince) {
        return StoreCalls.run(() -> store.storeFlags(account, folder, uids, operation, flags, unchangedSince));
    }

    @Override
    public List<Long> expunge(String account, String folder) {
        return StoreCalls.run(() -> store.expunge(account, folder));
    }

    @Override
    public List<Long> delete(String account, String folder, Collection<Long> uids) {
        return StoreCalls.run(() -> store.delete(account, folder, uids));
    }
}
