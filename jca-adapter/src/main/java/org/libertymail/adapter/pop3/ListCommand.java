package org.libertymail.adapter.pop3;

/** LIST (RFC 1939 5) or, for {@code uids}, UIDL (RFC 1939 7): one message or all not marked deleted. */
final class ListCommand implements Pop3Command {
    private final boolean uids;

    ListCommand(boolean uids) {
        this.uids = uids;
    }

    @Override
    public void handle(String argument, Pop3SessionState session) {
        Maildrop maildrop = session.maildrop;
        if (!argument.isBlank()) {
            Integer n = MessageNumbers.parse(argument, session);
            if (n != null) {
                session.reply("+OK " + n + " " + maildrop.listValue(n - 1, uids));
            }
            return;
        }
        session.out.line(uids ? "+OK Unique-ID listing follows" : "+OK Scan listing follows");
        for (int i = 0; i < maildrop.size(); i++) {
            if (!maildrop.deleted[i]) {
                session.out.line((i + 1) + " " + maildrop.listValue(i, uids));
            }
        }
        session.reply(".");
    }
}
