package org.libertymail.adapter.smtp;

import java.util.Locale;

/**
 * One SMTP command line split into its verb (upper case) and the rest.
 *
 * @param argument the text after the verb and one space, or "" when there is none
 */
public record SmtpCommand(String verb, String argument) {

    public static SmtpCommand parse(String line) {
        int space = line.indexOf(' ');
        if (space < 0) {
            return new SmtpCommand(line.toUpperCase(Locale.ROOT), "");
        }
        return new SmtpCommand(line.substring(0, space).toUpperCase(Locale.ROOT), line.substring(space + 1).strip());
    }
}
