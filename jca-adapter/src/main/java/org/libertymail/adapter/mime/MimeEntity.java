package org.libertymail.adapter.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One entity of a parsed message: a message, a body part, a multipart. Offsets are into the whole message. */
final class MimeEntity {
    long headerStart;
    long bodyStart;
    long end;
    long lines;
    HeaderFields header = new HeaderFields();
    String type = "text";
    String subtype = "plain";
    Map<String, String> params = Map.of();
    /** Whether Content-Type was absent, so the RFC 2045 default (with charset us-ascii) applies. */
    boolean defaultType;
    final List<MimeEntity> children = new ArrayList<>();
    /** The encapsulated message of a message/rfc822 part. */
    MimeEntity message;

    boolean multipart() {
        return type.equals("multipart");
    }

    long size() {
        return end - bodyStart;
    }
}
