package org.qrarchive.archive.index.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SchemaMigrationTest {

    @Test
    void scriptsSplitAtLineEndingSemicolonsWithoutComments() {
        List<String> sql = SchemaMigration.statements("""
                -- a comment; with a semicolon
                create table a (
                    x int -- trailing
                );

                create index b on a (x);
                """);
        assertEquals(2, sql.size());
        assertTrue(sql.get(0).startsWith("create table a ("));
        assertEquals("create index b on a (x)", sql.get(1));
    }

    @Test
    void theShippedScriptIsWellFormed() throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream("db/migration/V1__index.sql")) {
            List<String> sql = SchemaMigration.statements(new String(in.readAllBytes()));
            assertEquals(4, sql.stream().filter(s -> s.startsWith("create table")).count());
            assertTrue(sql.stream().noneMatch(s -> s.contains(";")), "one statement each");
        }
    }
}
