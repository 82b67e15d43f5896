package org.libertymail.ejb.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The configured-password path, which needs neither the database nor a hash. */
class AdminAccountServiceTest {
    private static AdminAccountService configured(String password) {
        AdminAccountService service = new AdminAccountService();
        service.adminUser = "admin";
        service.configuredPassword = Optional.of(password);
        service.init();
        return service;
    }

    @Test
    void configuredPasswordAuthenticatesTheAdminUser() {
        AdminAccountService service = configured("s3cret-admin");
        assertTrue(service.verify("admin", "s3cret-admin"));
        assertFalse(service.verify("admin", "s3cret-admi"));
        assertFalse(service.verify("root", "s3cret-admin"));
        assertFalse(service.verify(null, null));
    }
}
