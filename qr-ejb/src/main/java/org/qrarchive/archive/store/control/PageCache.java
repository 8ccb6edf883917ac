package org.qrarchive.archive.store.control;

import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Drop-behind for stored objects: once an object is on disk, the kernel is told (posix_fadvise
 * DONTNEED) that its pages need not stay cached.
 *
 * <p>Why: on the virtual machines measured here, writing 512 KiB into page-cache pages taken fresh from
 * the free lists costs 1.5-2 ms of kernel CPU (the hypervisor backs each new page on first touch),
 * writing it into recycled pages 0.08 ms. While every stored object stays cached, each new one needs
 * fresh pages; handing the pages of a forced object back lets the next object reuse them. An archive
 * rarely reads an object just after storing it, so little is lost. Only clean pages can be dropped,
 * hence only after the object was forced to disk.
 *
 * <p>Linux only (through JNA, no native code of our own); elsewhere, or if libc cannot be bound, it
 * does nothing and says so once at startup.
 */
@ApplicationScoped
public class PageCache {
    private static final Logger LOG = Logger.getLogger(PageCache.class);
    private static final int O_RDONLY = 0;
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final int SYNC_FILE_RANGE_WRITE = 2;

    /** The libc calls needed; JNA binds them by name. */
    public interface LibC extends Library {
        int open(String path, int flags);

        int posix_fadvise(int fd, long offset, long length, int advice);

        int sync_file_range(int fd, long offset, long nbytes, int flags);

        int close(int fd);
    }

    private LibC libc;

    @PostConstruct
    void bind() {
        if (!Platform.isLinux()) {
            LOG.infof("not on Linux: stored objects stay in the page cache");
            return;
        }
        try {
            libc = Native.load("c", LibC.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.warnf("cannot bind libc (%s): stored objects stay in the page cache", e.toString());
        }
    }

    /** Whether {@link #drop} does anything here. */
    public boolean available() {
        return libc != null;
    }

    /**
     * Starts writing the dirty pages of {@code file} to disk and returns at once (sync_file_range), so
     * that a later fsync finds most of the data written already and waits less. Durability still comes
     * only from that fsync.
     *
     * @return whether the kernel accepted the request
     */
    public boolean startWriteback(Path file) {
        return call(file, (c, fd) -> c.sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
    }

    /**
     * Lets the kernel reuse the cached pages of {@code file}, whose content must be on disk already
     * (dirty pages would be written back first, not dropped). Failures only cost the cache.
     *
     * @return whether the kernel accepted the advice
     */
    public boolean drop(Path file) {
        return call(file, (c, fd) -> c.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED));
    }

    private interface FdCall {
        int apply(LibC libc, int fd);
    }

    private boolean call(Path file, FdCall call) {
        if (libc == null) {
            return false;
        }
        int fd = libc.open(file.toString(), O_RDONLY);
        if (fd < 0) {
            return false;
        }
        try {
            return call.apply(libc, fd) == 0;
        } finally {
            libc.close(fd);
        }
    }
}
