package org.libertymail.adapter.imap.command;

import java.util.Set;

import org.libertymail.adapter.api.FolderInfo;
import org.libertymail.adapter.api.PublicFolders;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/** NAMESPACE (RFC 2342): one personal namespace, no prefix; no other users' or shared ones yet. */
public final class NamespaceProcessor implements CommandProcessor<ImapCommand.Namespace> {
    @Override
    public Set<ImapState> validIn() {
        return AUTHENTICATED;
    }

    @Override
    public void process(String tag, ImapCommand.Namespace command, ImapSessionState session) {
        // RFC 2342: personal folders at the top, no other users', the public folders shared
        session.responder().untagged("NAMESPACE ((\"\" \"" + FolderInfo.DELIMITER + "\")) NIL ((\""
                + PublicFolders.PREFIX + "\" \"" + FolderInfo.DELIMITER + "\"))");
        session.responder().ok(tag, "NAMESPACE completed");
    }
}
