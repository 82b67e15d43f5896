package org.libertymail.adapter.imap.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.libertymail.adapter.api.FlagOperation;
import org.libertymail.adapter.api.FolderDelta;
import org.libertymail.adapter.api.MessageData;
import org.libertymail.adapter.api.MessageLoad;
import org.libertymail.adapter.api.MessageStructure;
import org.libertymail.adapter.api.MessageSummary;
import org.libertymail.adapter.imap.FetchItem;
import org.libertymail.adapter.imap.ImapCommand;
import org.libertymail.adapter.imap.ImapResponder;
import org.libertymail.adapter.imap.ImapSessionState;
import org.libertymail.adapter.imap.ImapState;
import org.libertymail.adapter.imap.ImapStrings;
import org.libertymail.adapter.imap.MessageSections;
import org.libertymail.adapter.imap.MessageView;
import org.libertymail.adapter.imap.SelectedFolder;
import org.libertymail.adapter.imap.SystemFlags;
import org.libertymail.adapter.imap.UidSets;
import org.libertymail.adapter.mime.MessageText;
import org.libertymail.adapter.protocol.StoredContent;

/**
 * FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8). Messages are loaded from the store in batches, so
 * a large range costs one call per batch and never holds every message in memory at once.
 */
public final class FetchProcessor implements CommandProcessor<ImapCommand.Fetch> {
    /** Messages per store call when content is loaded (about 4 MiB at most inline per call)… */
    static final int BATCH = 50;
    /** …and when only summaries, headers and structures are: each call costs more than its rows. */
    static final int LIGHT_BATCH = 500;
    private static final byte[] NIL = "NIL".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Set<ImapState> validIn() {
        return SELECTED;
    }

    @Override
    public boolean changesMail(ImapCommand.Fetch command) {
        return command.items().stream().anyMatch(FetchItem::setsSeen);
    }

    @Override
    public void process(String tag, ImapCommand.Fetch command, ImapSessionState session) {
        SelectedFolder folder = session.selected();
        if (command.vanished() && !session.qresync()) {
            session.responder().bad(tag, "VANISHED needs QRESYNC enabled");
            return;
        }
        List<Integer> msns = folder.resolve(command.set(), command.byUid());
        List<FetchItem> items = new ArrayList<>(command.items());
        if (command.byUid() && items.stream().noneMatch(i -> i.kind() == FetchItem.Kind.UID)) {
            items.add(0, FetchItem.simple(FetchItem.Kind.UID, "UID"));
        }
        if (command.changedSince() >= 0 || items.stream().anyMatch(i -> i.kind() == FetchItem.Kind.MODSEQ)) {
            session.enableCondstore(); // a CONDSTORE enabling command (RFC 7162 3.1)
        }
        if (command.changedSince() >= 0) {
            if (items.stream().noneMatch(i -> i.kind() == FetchItem.Kind.MODSEQ)) {
                items.add(FetchItem.simple(FetchItem.Kind.MODSEQ, "MODSEQ"));
            }
            msns = msns.stream().filter(msn -> folder.message(msn).modseq() > command.changedSince()).toList();
            if (command.vanished()) {
                announceVanished(command, folder, session);
            }
        }
        boolean content = items.stream().anyMatch(FetchItem::needsContent);
        boolean structure = items.stream().anyMatch(FetchItem::needsStructure);
        MessageLoad load = MessageLoad.of(structure, content);
        boolean marksSeen = !folder.readOnly() && folder.may('s') && items.stream().anyMatch(FetchItem::setsSeen);
        boolean flagsAsked = items.stream().anyMatch(i -> i.kind() == FetchItem.Kind.FLAGS);
        int batchSize = load.content() ? BATCH : LIGHT_BATCH;
        StoredContent stored = new StoredContent(session.store(), session.account(), folder.name());
        for (int from = 0; from < msns.size(); from += batchSize) {
            List<Integer> batch = msns.subList(from, Math.min(msns.size(), from + batchSize));
            List<Long> uids = new ArrayList<>(batch.size());
            for (int msn : batch) {
                uids.add(folder.message(msn).uid());
            }
            Map<Long, MessageData> loaded = new HashMap<>();
            if (load != MessageLoad.SUMMARY) {
                for (MessageData d : session.store().fetch(session.account(), folder.name(), uids, load)) {
                    loaded.put(d.uid(), d);
                }
            }
            Set<Long> newlySeen = marksSeen ? markSeen(session, folder, batch) : Set.of();
            for (int msn : batch) {
                MessageSummary message = folder.message(msn);
                MessageData data = loaded.get(message.uid());
                if (load != MessageLoad.SUMMARY && data == null) {
                    continue; // expunged by another session since this one last synchronized
                }
                List<Object> parts;
                try { // every part is ready before its FETCH response starts
                    parts = parts(items, folder, message, data, stored);
                } catch (UnknownTransferEncodingException e) {
                    session.responder().no(tag, "[UNKNOWN-CTE] Message " + msn + " has a part in an unknown transfer encoding");
                    return;
                }
                if (!flagsAsked && newlySeen.contains(message.uid())) {
                    parts.add("FLAGS " + ImapStrings.flagList(folder.flags(message)));
                }
                session.responder().fetch(msn, parts);
            }
            session.responder().flush();
        }
        session.responder().ok(tag, (command.byUid() ? "UID " : "") + "FETCH completed");
    }

    /** A BODY[section] item: a literal, streamed when large, or NIL for a part the message has not got. */
    private static Object section(FetchItem item, MessageView message) {
        long size = message.data().size();
        long[] range = MessageSections.range(item.part().isEmpty() && item.section().isEmpty() ? null : message.structure(),
                size, item);
        if (range == null) {
            return new ImapResponder.Raw(item.responseName(), NIL);
        }
        if (MessageSections.filtersFields(item)) {
            byte[] fields = MessageSections.fields(message.bytes(range[0], range[1]), item);
            long[] cut = MessageSections.partial(item, fields.length);
            return new ImapResponder.Literal(item.responseName(), Arrays.copyOfRange(fields, (int) cut[0], (int) cut[1]));
        }
        long[] cut = MessageSections.partial(item, range[1] - range[0]);
        long from = range[0] + cut[0];
        long to = range[0] + cut[1];
        if (message.inMemory(to) || to - from <= StoredContent.PIECE) {
            return new ImapResponder.Literal(item.responseName(), message.bytes(from, to));
        }
        return new ImapResponder.StreamedLiteral(item.responseName(), to - from, sink -> message.stream(from, to, sink));
    }

    /**
     * BINARY[part] and BINARY.SIZE[part] (RFC 3516): the part's content without its transfer
     * encoding; a multipart or message part, or the whole message, as it is.
     */
    private static Object binary(FetchItem item, MessageView message) {
        byte[] content;
        if (item.part().isEmpty()) {
            content = message.bytes(0, message.data().size());
        } else {
            MessageStructure.PartRange p = message.structure().part(item.part());
            if (p == null) {
                return new ImapResponder.Raw(item.responseName(), NIL);
            }
            byte[] raw = message.bytes(p.bodyStart(), p.end());
            boolean leaf = message.structure().parts().stream().noneMatch(q -> q.path().startsWith(item.part() + "."));
            content = leaf ? MessageText.decodeContent(raw, MessageText.transferEncoding(message.bytes(p.headerStart(), p.bodyStart())))
                    : raw;
            if (content == null) {
                throw new UnknownTransferEncodingException();
            }
        }
        if (item.kind() == FetchItem.Kind.BINARY_SIZE) {
            return item.responseName() + " " + content.length;
        }
        long[] cut = MessageSections.partial(item, content.length);
        return new ImapResponder.Literal(item.responseName(), Arrays.copyOfRange(content, (int) cut[0], (int) cut[1]), true);
    }

    /** A part in an encoding this server cannot undo: NO [UNKNOWN-CTE] (RFC 3516 4.3). */
    static final class UnknownTransferEncodingException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** UID FETCH (CHANGEDSINCE n VANISHED): the UIDs of the set removed since n (RFC 7162 3.2.6). */
    private static void announceVanished(ImapCommand.Fetch command, SelectedFolder folder, ImapSessionState session) {
        FolderDelta delta = session.store().changesSince(session.account(), folder.name(), command.changedSince(), Long.MAX_VALUE);
        if (delta == null) {
            return;
        }
        long largest = folder.uidNext() - 1;
        List<Long> vanished = delta.expunged().stream().filter(uid -> command.set().contains(uid, largest)).toList();
        if (!vanished.isEmpty()) {
            session.responder().untagged("VANISHED (EARLIER) " + UidSets.of(vanished));
        }
    }

    private static Set<Long> markSeen(ImapSessionState session, SelectedFolder folder, List<Integer> batch) {
        List<Long> unseen = new ArrayList<>();
        for (int msn : batch) {
            MessageSummary m = folder.message(msn);
            if (!m.flags().contains(SystemFlags.SEEN)) {
                unseen.add(m.uid());
            }
        }
        if (unseen.isEmpty()) {
            return Set.of();
        }
        List<MessageSummary> changed = session.store().storeFlags(session.account(), folder.name(), unseen,
                FlagOperation.ADD, Set.of(SystemFlags.SEEN));
        folder.update(changed);
        return Set.copyOf(unseen);
    }

    private static List<Object> parts(List<FetchItem> items, SelectedFolder folder, MessageSummary message,
            MessageData data, StoredContent stored) {
        List<Object> parts = new ArrayList<>(items.size() + 1);
        MessageView view = data == null ? null : new MessageView(data, stored);
        for (FetchItem item : items) {
            switch (item.kind()) {
                case FLAGS -> parts.add("FLAGS " + ImapStrings.flagList(folder.flags(message)));
                case UID -> parts.add("UID " + message.uid());
                case RFC822_SIZE -> parts.add("RFC822.SIZE " + message.size());
                case INTERNALDATE -> parts.add("INTERNALDATE " + ImapStrings.internalDate(message.internalDate()));
                case MODSEQ -> parts.add("MODSEQ (" + message.modseq() + ")");
                case ENVELOPE -> parts.add(new ImapResponder.Raw("ENVELOPE", view.structure().envelope()));
                case BODYSTRUCTURE -> parts.add(new ImapResponder.Raw("BODYSTRUCTURE", view.structure().bodyStructure()));
                case BODY -> parts.add(new ImapResponder.Raw("BODY", view.structure().body()));
                case BODY_SECTION -> parts.add(section(item, view));
                case BINARY, BINARY_SIZE -> parts.add(binary(item, view));
            }
        }
        return parts;
    }
}
