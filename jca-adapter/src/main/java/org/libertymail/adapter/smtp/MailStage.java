package org.libertymail.adapter.smtp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.libertymail.adapter.protocol.Endpoint;

/**
 * MAIL FROM (RFC 5321 4.1.1.2) with its parameters: SIZE (RFC 1870), BODY (RFC 6152, RFC 3030),
 * SMTPUTF8 (RFC 6531), RET and ENVID (RFC 3461), AUTH (RFC 4954). Who may send follows the
 * binding: anyone to local mailboxes on an MX binding, an authenticated user as itself on a
 * submission binding; each source address has a message rate.
 */
final class MailStage implements SmtpStage {
    @Override
    public void handle(SmtpCommand command, SmtpSessionState session) {
        MailTransaction transaction = session.transaction;
        if (session.heloName == null) {
            session.error("503 5.5.1 Error: send HELO/EHLO first");
            return;
        }
        if (transaction.started()) {
            session.error("503 5.5.1 Error: nested MAIL command");
            return;
        }
        Optional<PathArgument> path = PathArgument.parse(command.argument(), "FROM");
        if (path.isEmpty()) {
            session.error("501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        Map<String, String> parameters = path.get().parameters();
        for (Map.Entry<String, String> param : parameters.entrySet()) {
            String problem = parameterProblem(session, param.getKey(), param.getValue());
            if (problem != null) {
                session.error(problem);
                return;
            }
        }
        String sender = path.get().address();
        boolean smtpUtf8 = parameters.containsKey("SMTPUTF8");
        if (!smtpUtf8 && !SmtpSessionState.isAscii(sender)) {
            session.error("553 5.6.7 <" + sender + ">: Non-ASCII address needs the SMTPUTF8 parameter");
            return;
        }
        Endpoint endpoint = session.context.endpoint();
        if (!endpoint.anonymousDelivery() && session.account == null) {
            session.error("530 5.7.0 Authentication required");
            return;
        }
        if (session.account != null && endpoint.submission() && !sender.equalsIgnoreCase(session.account)) {
            // An authenticated user sends as itself only (no aliases or send-as rights yet).
            session.error("553 5.7.1 <" + sender + ">: Sender address rejected: not owned by " + session.account);
            return;
        }
        if (!session.rates.tryStart(endpoint.name(), session.context.remoteIp(), session.options().maxMessagesPerMinute())) {
            session.close("421 4.4.2 " + session.context.serverName()
                    + " Message rate limit for your address exceeded, try again later");
            return;
        }
        transaction.reversePath = sender;
        transaction.utf8 = smtpUtf8;
        String ret = parameters.get("RET");
        transaction.ret = ret == null ? null : ret.toUpperCase(Locale.ROOT);
        String envid = parameters.get("ENVID");
        transaction.envid = envid == null ? null : DsnParameters.decodeXtext(envid);
        String body = parameters.get("BODY");
        transaction.binaryMime = body != null && body.equalsIgnoreCase("BINARYMIME");
        String size = parameters.get("SIZE");
        transaction.declaredSize = size == null ? -1 : Long.parseLong(size);
        session.reply("250 2.1.0 Ok");
    }

    /** Why a MAIL parameter is refused, or null when it is fine. */
    private static String parameterProblem(SmtpSessionState session, String key, String value) {
        if (!session.extended) {
            return "555 5.5.4 MAIL parameters need EHLO";
        }
        Endpoint.SmtpOptions options = session.options();
        switch (key) {
            case "SIZE" -> {
                if (!options.offers("SIZE")) {
                    return "555 5.5.4 Unsupported parameter SIZE";
                }
                if (!value.matches("[0-9]{1,18}")) {
                    return "501 5.5.4 Bad SIZE parameter";
                }
                if (Long.parseLong(value) > session.context.limits().maxMessageSize()) {
                    return "552 5.3.4 Message size exceeds fixed maximum message size";
                }
                return null;
            }
            case "SMTPUTF8" -> {
                return !options.offers("SMTPUTF8") ? "555 5.5.4 Unsupported parameter SMTPUTF8"
                        : value.isEmpty() ? null : "501 5.5.4 SMTPUTF8 takes no value";
            }
            case "AUTH" -> {
                return null; // RFC 4954 5: the submitter's identity; we trust only our own AUTH
            }
            case "RET" -> {
                return !options.offers("DSN") ? "555 5.5.4 Unsupported parameter RET" : DsnParameters.retProblem(value);
            }
            case "ENVID" -> {
                return !options.offers("DSN") ? "555 5.5.4 Unsupported parameter ENVID" : DsnParameters.envidProblem(value);
            }
            case "BODY" -> {
                boolean ok = value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME") && options.offers("8BITMIME")
                        || value.equalsIgnoreCase("BINARYMIME") && options.offers("BINARYMIME") && options.offers("CHUNKING");
                return ok ? null : "501 5.5.4 Bad BODY parameter";
            }
            default -> {
                return "555 5.5.4 Unsupported parameter " + key;
            }
        }
    }
}
