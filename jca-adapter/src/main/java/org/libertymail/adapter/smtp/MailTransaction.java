package org.libertymail.adapter.smtp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.libertymail.adapter.api.EnvelopeRecipient;
import org.libertymail.adapter.protocol.MessageSpool;

/**
 * One mail transaction (RFC 5321 3.3): what MAIL and RCPT gathered and the content DATA or
 * BDAT is receiving. {@link #reset} ends it, also throwing away a half-received spool.
 */
final class MailTransaction {
    /** The reverse path of MAIL, or null before MAIL. */
    String reversePath;
    /** The MAIL FROM SIZE parameter, -1 when none was given. */
    long declaredSize = -1;
    /** RET and ENVID of MAIL (RFC 3461), or null. */
    String ret;
    String envid;
    /** MAIL FROM ... SMTPUTF8 (RFC 6531): UTF-8 addresses and headers in this transaction. */
    boolean utf8;
    /** BODY=BINARYMIME: the content may only come by BDAT. */
    boolean binaryMime;
    /** The accepted recipients in the order given, each once. */
    final List<String> recipients = new ArrayList<>();
    /** Each accepted recipient's envelope data (remote or local, DSN parameters), by address as given. */
    final Map<String, EnvelopeRecipient> recipientDetails = new HashMap<>();

    /** DATA: message lines are arriving. */
    boolean receivingData;
    /** BDAT (RFC 3030): the content comes in chunks. */
    boolean chunking;
    boolean lastChunk;
    long chunkOctets;
    /** Why the BDAT whose chunk is arriving is refused (said once the chunk is consumed), or null. */
    String chunkRefusal;
    MessageSpool data;
    boolean dataTooLarge;
    boolean dataLineTooLong;
    /** The Received headers of the message coming in. */
    ReceivedCounter hops;

    boolean started() {
        return reversePath != null;
    }

    /** Content starts arriving (DATA, or the first BDAT). */
    void startContent() {
        hops = new ReceivedCounter();
        data = new MessageSpool();
        dataTooLarge = false;
        dataLineTooLong = false;
    }

    /** Adds content; past {@code limit} octets the content is dropped and marked too large. */
    void write(byte[] bytes, int offset, int length, long limit) {
        if (dataTooLarge) {
            return;
        }
        data.write(bytes, offset, length);
        if (data.size() > limit) {
            dataTooLarge = true;
            data.discard();
        }
    }

    void reset() {
        reversePath = null;
        declaredSize = -1;
        recipients.clear();
        recipientDetails.clear();
        envid = null;
        ret = null;
        receivingData = false;
        chunking = false;
        binaryMime = false;
        utf8 = false;
        if (data != null) {
            data.discard();
            data = null;
        }
    }
}
