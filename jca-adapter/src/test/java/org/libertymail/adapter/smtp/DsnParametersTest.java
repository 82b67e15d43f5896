package org.libertymail.adapter.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DsnParametersTest {
    @Test
    void xtextDecodesHexEscapesAndRefusesWhatItMayNotHold() {
        assertEquals("a+b=c", DsnParameters.decodeXtext("a+2Bb+3Dc"));
        assertNull(DsnParameters.decodeXtext("a=b"), "'=' must be escaped");
        assertNull(DsnParameters.decodeXtext("a+2b"), "hex digits are upper case");
        assertNull(DsnParameters.decodeXtext("a+2"), "an escape needs two digits");
        assertNull(DsnParameters.decodeXtext("a b"), "no spaces");
    }

    @Test
    void notifyIsNeverAloneOrAnyOfTheThreeKindsOnce() {
        assertEquals("NEVER", DsnParameters.notify("never"));
        assertEquals("DELAY,FAILURE", DsnParameters.notify("delay,Failure"));
        assertNull(DsnParameters.notify("NEVER,FAILURE"));
        assertNull(DsnParameters.notify("FAILURE,FAILURE"));
        assertNull(DsnParameters.notify("SOMETIMES"));
        assertNull(DsnParameters.notify(""));
    }

    @Test
    void envidAndOrcptAndRetAreChecked() {
        assertNull(DsnParameters.envidProblem("abc+2B123"));
        assertEquals("501 5.5.4 ENVID longer than 100 characters", DsnParameters.envidProblem("x".repeat(101)));
        assertNull(DsnParameters.orcptProblem("rfc822;carol+40x.example"));
        assertEquals("501 5.5.4 ORCPT must be addr-type;xtext", DsnParameters.orcptProblem(";x"));
        assertNull(DsnParameters.retProblem("hdrs"));
        assertEquals("501 5.5.4 RET must be FULL or HDRS", DsnParameters.retProblem("SOME"));
    }
}
