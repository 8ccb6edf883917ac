package org.qrarchive.archive.store.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The libc calls through JNA, on the machine the archive runs on (Linux). */
@EnabledOnOs(OS.LINUX)
class PageCacheTest {
    @TempDir
    Path dir;

    private final PageCache pageCache = new PageCache();
    private Path file;
    private final byte[] content = new byte[512 * 1024];

    @BeforeEach
    void writeFile() throws IOException {
        pageCache.bind();
        new Random(7).nextBytes(content);
        file = Files.write(dir.resolve("object.dcm"), content);
    }

    @Test
    void bindsLibc() {
        assertTrue(pageCache.available(), "JNA could not bind libc: drop-behind would silently be off");
    }

    @Test
    void writebackThenDropKeepsTheContent() throws IOException {
        assertTrue(pageCache.startWriteback(file));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
        assertTrue(pageCache.drop(file));
        assertArrayEquals(content, Files.readAllBytes(file), "dropping cached pages must never change the file");
    }

    @Test
    void missingFileIsReportedNotThrown() {
        assertFalse(pageCache.drop(dir.resolve("absent")));
        assertFalse(pageCache.startWriteback(dir.resolve("absent")));
    }
}
