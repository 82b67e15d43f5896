package org.libertymail.adapter.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;

/**
 * ENABLE (RFC 5161): CONDSTORE and QRESYNC (RFC 7162) can be enabled. The ENABLED response
 * names those this command enabled; anything else asked for stays off.
 */
public final class EnableProcessor implements CommandProcessor<ImapCommand.Enable> {
    @Override
    public Set<ImapState> validIn() {
        return Set.of(ImapState.AUTHENTICATED);
    }

    @Override
    public void process(String tag, ImapCommand.Enable command, ImapSessionState session) {
        List<String> enabled = new ArrayList<>();
        for (String capability : command.capabilities()) {
            switch (capability) {
                case "CONDSTORE" -> session.enableCondstore();
                case "QRESYNC" -> session.enableQresync();
                case "IMAP4REV2" -> session.enableRev2();
                default -> {
                    continue; // not an extension this server has, or one that needs no enabling
                }
            }
            String name = capability.equals("IMAP4REV2") ? "IMAP4rev2" : capability;
            if (!enabled.contains(name)) {
                enabled.add(name);
            }
        }
        session.responder().untagged("ENABLED" + (enabled.isEmpty() ? "" : " " + String.join(" ", enabled)));
        session.responder().ok(tag, "ENABLE completed");
    }
}
