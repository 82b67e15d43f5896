package org.libertymail.adapter.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PathArgumentTest {
    @Test
    void parsesPathAndParameters() {
        PathArgument p = PathArgument.parse("FROM:<a@b.example> SIZE=12 body=8BITMIME", "FROM").orElseThrow();
        assertEquals("a@b.example", p.address());
        assertEquals(Map.of("SIZE", "12", "BODY", "8BITMIME"), p.parameters());
    }

    @Test
    void acceptsNullReversePathAndSpaceAfterColon() {
        assertEquals("", PathArgument.parse("FROM:<>", "FROM").orElseThrow().address());
        assertEquals("a@b.example", PathArgument.parse("from: <a@b.example>", "FROM").orElseThrow().address());
    }

    @Test
    void dropsObsoleteSourceRoute() {
        assertEquals("u@c.example", PathArgument.parse("TO:<@a.example,@b.example:u@c.example>", "TO").orElseThrow().address());
    }

    @Test
    void rejectsMalformedPaths() {
        assertTrue(PathArgument.parse("TO:a@b.example", "TO").isEmpty());
        assertTrue(PathArgument.parse("TO:<a@b.example", "TO").isEmpty());
        assertTrue(PathArgument.parse("TO:<nodomain>", "TO").isEmpty());
        assertTrue(PathArgument.parse("FROM:<a@b.example>", "TO").isEmpty());
    }
}
