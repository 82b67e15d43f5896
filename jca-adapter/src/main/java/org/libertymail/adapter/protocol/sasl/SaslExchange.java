package org.libertymail.adapter.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One server-side SASL exchange for PLAIN (RFC 4616) or LOGIN (draft-murchison-sasl-login),
 * the mechanisms every mail client speaks; they carry the password itself, so protocols offer
 * them only where {@code plaintextAuthAllowed}. Protocols own the framing ("334 ", "+ ");
 * this class owns the base64 and the mechanisms' rules.
 */
public abstract sealed class SaslExchange {
    public static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN");

    /** @return a new exchange, or {@code null} for a mechanism the server does not offer */
    public static SaslExchange of(String mechanism) {
        return switch (mechanism.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> new Plain();
            case "LOGIN" -> new Login();
            default -> null;
        };
    }

    /**
     * Starts the exchange. @param initialResponse the client's initial response as sent
     * (base64, "=" for an empty one), or {@code null} when it sent none
     */
    public SaslStep start(String initialResponse) {
        if (initialResponse == null) {
            return first();
        }
        return respond(initialResponse);
    }

    /** The client's response line to the last challenge. */
    public SaslStep respond(String line) {
        String text = line.strip();
        if (text.equals("*")) {
            return new SaslStep.Cancelled();
        }
        byte[] decoded;
        try {
            decoded = text.equals("=") ? new byte[0] : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new SaslStep.Malformed("Invalid base64 data");
        }
        return accept(new String(decoded, StandardCharsets.UTF_8));
    }

    abstract SaslStep first();

    abstract SaslStep accept(String response);

    static SaslStep.Challenge challenge(String text) {
        return new SaslStep.Challenge(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** message = [authzid] NUL authcid NUL passwd (RFC 4616 2). */
    static final class Plain extends SaslExchange {
        @Override
        SaslStep first() {
            return new SaslStep.Challenge("");
        }

        @Override
        SaslStep accept(String response) {
            String[] parts = response.split("\u0000", -1);
            if (parts.length != 3 || parts[1].isEmpty()) {
                return new SaslStep.Malformed("PLAIN needs authzid NUL user NUL password");
            }
            return new SaslStep.Credentials(parts[0], parts[1], parts[2]);
        }
    }

    /** Two challenges, "Username:" and "Password:"; an initial response is the user name. */
    static final class Login extends SaslExchange {
        private String user;

        @Override
        SaslStep first() {
            return challenge("Username:");
        }

        @Override
        SaslStep accept(String response) {
            if (user == null) {
                if (response.isEmpty()) {
                    return new SaslStep.Malformed("Empty user name");
                }
                user = response;
                return challenge("Password:");
            }
            return new SaslStep.Credentials("", user, response);
        }
    }
}
