package org.libertymail.web.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.libertymail.web.api.RestApplication;

/**
 * One realm, two ways in: HTTP Basic for API clients (curl, scripts, monitors), and the
 * console's login form, which opens an HTTP session. A Basic request never creates a session,
 * so API clients that ignore cookies leave nothing behind; a session request changing
 * something must also carry the session's CSRF token ({@link CsrfFilter}).
 */
@ApplicationScoped
public class AdminAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String REALM = "LibertyMail admin";
    private static final String CONSOLE_CLIENT = "LibertyMailConsole";

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordCredential credential = basicCredential(authorization.substring(6).strip());
            if (credential != null) {
                CredentialValidationResult result = identityStores.validate(credential);
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
            return challenge(request, response, context);
        }
        if (ConsoleLogin.isLoginAttempt(request)) {
            CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(
                    nonNull(request.getParameter("username")), nonNull(request.getParameter("password"))));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                ConsoleLogin.open(request, result.getCallerPrincipal().getName());
                return context.notifyContainerAboutLogin(result);
            }
            return context.doNothing(); // the login servlet sends the form back with an error
        }
        HttpSession session = request.getSession(false);
        String admin = session == null ? null : ConsoleLogin.admin(session);
        if (admin != null) {
            return context.notifyContainerAboutLogin(admin, Set.of(RestApplication.ADMIN_ROLE));
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/console")) {
            return context.redirect(request.getContextPath() + "/console/login.html");
        }
        return challenge(request, response, context);
    }

    private static AuthenticationStatus challenge(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        // The console's own calls get no Basic challenge: a browser would answer it with its
        // password prompt, where the console should send the administrator to its login page.
        if (!CONSOLE_CLIENT.equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        return context.responseUnauthorized();
    }

    private static UsernamePasswordCredential basicCredential(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
