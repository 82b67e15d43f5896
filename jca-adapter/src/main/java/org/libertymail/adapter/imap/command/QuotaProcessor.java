package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.api.FolderSnapshot;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.api.QuotaUsage;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;

/**
 * QUOTA (RFC 9208) from the store's quotas: one quota root, "", for the whole mailbox, with
 * the STORAGE (in KiB) and MESSAGE resources the administrator limited. A mailbox without any
 * limit has no quota root, and neither have the public folders. Users cannot set quotas.
 */
public final class QuotaProcessor implements CommandProcessor<ImapCommand> {
    static final String ROOT = "";

    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand command, ImapSessionState session) {
        if (command instanceof ImapCommand.SetQuota) {
            session.responder().no(tag, "[NOPERM] Quotas are set by the administrator");
            return;
        }
        QuotaUsage usage = session.store().quota(session.account());
        String resources = usage == null ? null : resources(usage);
        if (command instanceof ImapCommand.GetQuotaRoot root) {
            if (PublicFolders.isPublic(root.mailbox())) {
                resources = null; // the public folders count against no one's quota
            }
            FolderSnapshot folder = session.store().openFolder(session.account(), root.mailbox(), false);
            if (folder == null) {
                session.responder().no(tag, "[NONEXISTENT] Mailbox does not exist");
                return;
            }
            session.responder().untagged("QUOTAROOT " + ImapStrings.string(session.clientName(root.mailbox()))
                    + (resources == null ? "" : " " + ImapStrings.string(ROOT)));
            if (resources != null) {
                session.responder().untagged("QUOTA " + ImapStrings.string(ROOT) + " (" + resources + ")");
            }
            session.responder().ok(tag, "GETQUOTAROOT completed");
        } else if (command instanceof ImapCommand.GetQuota quota) {
            if (resources == null || !quota.root().equals(ROOT)) {
                session.responder().no(tag, "[NONEXISTENT] No such quota root");
                return;
            }
            session.responder().untagged("QUOTA " + ImapStrings.string(ROOT) + " (" + resources + ")");
            session.responder().ok(tag, "GETQUOTA completed");
        }
    }

    /** The limited resources, or null when nothing is limited. STORAGE counts whole KiB. */
    private static String resources(QuotaUsage usage) {
        List<String> parts = new ArrayList<>();
        if (usage.limitBytes() != null) {
            parts.add("STORAGE " + (usage.usedBytes() + 1023) / 1024 + " " + usage.limitBytes() / 1024);
        }
        if (usage.limitMessages() != null) {
            parts.add("MESSAGE " + usage.usedMessages() + " " + usage.limitMessages());
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }
}
