package org.libertymail.web.security;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cross-site request forgery: a change (any method but GET, HEAD, OPTIONS) is refused when it
 * comes from another origin, and, when a console session rather than HTTP Basic authenticates
 * it, unless it carries the session's token in {@code X-CSRF-Token} (or a {@code csrf} form
 * field, for the logout form). The session cookie is also SameSite=Strict (web.xml).
 */
@WebFilter(urlPatterns = { "/api/*", "/console/*" })
public class CsrfFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SAFE.contains(request.getMethod())
                || request.getRequestURI().equals(request.getContextPath() + ConsoleLogin.LOGIN_PATH)) {
            chain.doFilter(request, response); // the login checks its origin itself
            return;
        }
        if (!ConsoleLogin.sameOrigin(request)) {
            refuse(response, "The request comes from another site");
            return;
        }
        boolean basic = request.getHeader("Authorization") != null;
        if (!basic && request.getUserPrincipal() != null) {
            String expected = ConsoleLogin.csrfToken(request.getSession(false));
            String given = request.getHeader(HEADER);
            if (given == null && request.getContentType() != null
                    && request.getContentType().startsWith("application/x-www-form-urlencoded")) {
                given = request.getParameter("csrf");
            }
            if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    given.getBytes(StandardCharsets.UTF_8))) {
                refuse(response, "Missing or wrong " + HEADER + "; reload the console");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
                + detail + "\"}");
    }
}
