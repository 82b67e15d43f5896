package org.libertymail.web.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The admin REST API, version 1; every resource requires the admin role (see web.xml), given by
 * {@link org.libertymail.web.security.AdminAuthenticationMechanism}.
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "LibertyMail admin API", version = "1",
        description = "Domains, mailboxes, public folders, receive connectors, POP3/IMAP service settings, "
                + "live sessions and lockouts. Every operation needs an administrator: HTTP Basic, or the console's "
                + "login session with its X-CSRF-Token on changes. "
                + "Errors are application/problem+json; timestamps are RFC 3339."),
        security = @SecurityRequirement(name = "admin"))
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic")
@DeclareRoles(RestApplication.ADMIN_ROLE)
public class RestApplication extends Application {
    public static final String ADMIN_ROLE = "admin";
}
