package org.libertymail.web.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin REST API, version 1; every resource requires the admin role (see web.xml). */
@ApplicationPath("/api/v1")
@BasicAuthenticationMechanismDefinition(realmName = "LibertyMail admin")
@DeclareRoles(RestApplication.ADMIN_ROLE)
public class RestApplication extends Application {
    public static final String ADMIN_ROLE = "admin";
}
