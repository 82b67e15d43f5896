package org.libertymail.web.security;

import java.util.Set;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import org.libertymail.ejb.service.AdminAccountService;
import org.libertymail.web.api.RestApplication;

/** Checks admin credentials against the configured or generated admin password. */
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {
    @EJB
    AdminAccountService admins;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (admins.verify(credential.getCaller(), credential.getPasswordAsString())) {
            return new CredentialValidationResult(credential.getCaller(), Set.of(RestApplication.ADMIN_ROLE));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
