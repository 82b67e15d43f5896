package org.libertymail.ejb.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressSpacesTest {
    @Test
    void theDomainItselfBeatsTheLongestWildcardWhichBeatsStar() {
        int exact = AddressSpaces.match("mail.example.com", "mail.example.com");
        int sub = AddressSpaces.match("*.example.com", "mail.example.com");
        int parent = AddressSpaces.match("*.com", "mail.example.com");
        int star = AddressSpaces.match("*", "mail.example.com");
        assertTrue(exact > sub && sub > parent && parent > star && star == 0, exact + " " + sub + " " + parent + " " + star);
    }

    @Test
    void aWildcardCoversTheDomainAndItsSubdomainsOnly() {
        assertEquals("example.com".length(), AddressSpaces.match("*.example.com", "example.com"));
        assertEquals(-1, AddressSpaces.match("*.example.com", "badexample.com"));
        assertEquals(-1, AddressSpaces.match("example.com", "mail.example.com"));
        assertEquals(1000, AddressSpaces.match("EXAMPLE.com", "example.com"));
    }
}
