package org.libertymail.adapter.smtp;

/**
 * One stage of an SMTP session, the commands of one step of RFC 5321's dialogue (greeting,
 * TLS, authentication, MAIL, RCPT, content). Stages hold no state: the session's is passed in,
 * so one instance of each serves every session.
 */
interface SmtpStage {
    void handle(SmtpCommand command, SmtpSessionState session);
}
