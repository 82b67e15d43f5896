package org.libertymail.web.security;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The console's login session: who logged in and the session's CSRF token, kept as session
 * attributes. A login always gets a new session id (no session fixation).
 */
public final class ConsoleLogin {
    static final String LOGIN_PATH = "/console/login";
    private static final String ADMIN = "libertymail.console.admin";
    private static final String CSRF = "libertymail.console.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleLogin() {
    }

    /** A POST of the login form, from the console's own origin (no login CSRF from another site). */
    static boolean isLoginAttempt(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + LOGIN_PATH)
                && sameOrigin(request);
    }

    static void open(HttpServletRequest request, String admin) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        session.setAttribute(ADMIN, admin);
        session.setAttribute(CSRF, HexFormat.of().formatHex(token));
    }

    /** The administrator logged in through this session, or null. */
    static String admin(HttpSession session) {
        try {
            return (String) session.getAttribute(ADMIN);
        } catch (IllegalStateException e) { // invalidated meanwhile
            return null;
        }
    }

    /** The session's CSRF token, or null when the session is not a console login. */
    public static String csrfToken(HttpSession session) {
        try {
            return session == null ? null : (String) session.getAttribute(CSRF);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /**
     * True unless the request names another origin (Origin, else Referer): browsers send one
     * of them with every cross-site form post or fetch.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            origin = request.getHeader("Referer");
        }
        if (origin == null) {
            return request.getHeader("Origin") == null; // "Origin: null" (sandboxed, file:) is foreign
        }
        try {
            URI u = URI.create(origin);
            String host = request.getHeader("Host");
            String authority = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
            return host != null && u.getHost() != null && (host.equalsIgnoreCase(authority)
                    || host.equalsIgnoreCase(u.getHost()) && u.getPort() < 0);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
