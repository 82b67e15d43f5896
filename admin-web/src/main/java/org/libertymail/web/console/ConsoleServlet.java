package org.libertymail.web.console;

import java.io.IOException;

import jakarta.json.Json;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.libertymail.web.security.ConsoleLogin;

/**
 * The console's session endpoints: the login form's target (the authentication mechanism
 * has already checked the password when this runs), the logout, and the session's identity
 * and CSRF token for the page's script. The root of the site leads to the console.
 */
@WebServlet(urlPatterns = { "", "/console/login", "/console/logout", "/console/session" })
public class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        if (path.isEmpty() || path.equals("/")) {
            response.sendRedirect(request.getContextPath() + "/console/");
        } else if (path.equals("/console/session")) {
            HttpSession session = request.getSession(false);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write(Json.createObjectBuilder()
                    .add("admin", request.getUserPrincipal().getName())
                    .add("csrfToken", String.valueOf(ConsoleLogin.csrfToken(session))).build().toString());
        } else {
            response.sendRedirect(request.getContextPath() + "/console/" + (path.endsWith("login") ? "login.html" : ""));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String path = request.getServletPath();
        if (path.equals("/console/login")) {
            boolean in = request.getUserPrincipal() != null && ConsoleLogin.csrfToken(request.getSession(false)) != null;
            response.sendRedirect(request.getContextPath() + (in ? "/console/" : "/console/login.html?failed"));
        } else if (path.equals("/console/logout")) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            request.logout();
            response.sendRedirect(request.getContextPath() + "/console/login.html?out");
        } else {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }
}
