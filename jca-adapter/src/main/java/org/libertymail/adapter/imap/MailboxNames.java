package org.libertymail.adapter.imap;

import java.util.function.UnaryOperator;

import org.libertymail.adapter.api.ModifiedUtf7;

/**
 * The store keeps mailbox names in modified UTF-7; a client that enabled IMAP4rev2 writes and
 * reads them in UTF-8 (RFC 9051 5.1). Commands are translated here, in one place, before a
 * processor sees them.
 */
final class MailboxNames {
    private MailboxNames() {
    }

    static ImapCommand forStore(ImapCommand command) {
        UnaryOperator<String> f = ModifiedUtf7::encode;
        if (command instanceof ImapCommand.Select c) {
            return new ImapCommand.Select(f.apply(c.mailbox()), c.readOnly(), c.condstore(), c.qresync());
        } else if (command instanceof ImapCommand.ListMailboxes c) {
            return new ImapCommand.ListMailboxes(f.apply(c.reference()), c.patterns().stream().map(f).toList(),
                    c.subscribedOnly(), c.selectOptions(), c.returnOptions(), c.statusItems());
        } else if (command instanceof ImapCommand.Append c) {
            return new ImapCommand.Append(f.apply(c.mailbox()), c.flags(), c.internalDate(), c.message());
        } else if (command instanceof ImapCommand.Copy c) {
            return new ImapCommand.Copy(c.set(), f.apply(c.mailbox()), c.byUid(), c.move());
        } else if (command instanceof ImapCommand.Create c) {
            return new ImapCommand.Create(f.apply(c.mailbox()));
        } else if (command instanceof ImapCommand.Delete c) {
            return new ImapCommand.Delete(f.apply(c.mailbox()));
        } else if (command instanceof ImapCommand.Rename c) {
            return new ImapCommand.Rename(f.apply(c.from()), f.apply(c.to()));
        } else if (command instanceof ImapCommand.Subscribe c) {
            return new ImapCommand.Subscribe(f.apply(c.mailbox()), c.subscribe());
        } else if (command instanceof ImapCommand.Status c) {
            return new ImapCommand.Status(f.apply(c.mailbox()), c.items());
        } else if (command instanceof ImapCommand.Acl c) {
            return new ImapCommand.Acl(c.verb(), f.apply(c.mailbox()), c.identifier(), c.rights());
        } else if (command instanceof ImapCommand.GetQuotaRoot c) {
            return new ImapCommand.GetQuotaRoot(f.apply(c.mailbox()));
        }
        return command;
    }
}
