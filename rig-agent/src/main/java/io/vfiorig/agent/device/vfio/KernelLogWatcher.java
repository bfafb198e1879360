package io.vfiorig.agent.device.vfio;

import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches the kernel log ({@code /dev/kmsg}) from the moment it starts: earlier records are
 * skipped, later ones are collected by a daemon thread so that {@link #findings()} can say what the
 * kernel reported during a test (WARN, BUG, Oops, lockdep, sleeping in atomic context, hung task,
 * soft lockup). Reading {@code /dev/kmsg} needs root (or kernel.dmesg_restrict=0).
 */
public final class KernelLogWatcher implements AutoCloseable {
    public static final String KMSG = "/dev/kmsg";
    private static final long POLL_MS = 100;
    private static final int MAX_RECORDS = 5000;
    /** /dev/kmsg returns one record per read; records are at most ~8 KiB (PRINTK_MESSAGE_MAX). */
    private static final int RECORD_MAX = 8192;
    private static final int EPIPE = 32; // records were overwritten before we read them

    private final int fd;
    private final List<String> messages = new ArrayList<>();
    private final Thread reader;
    private final MemorySegment buf;
    private final Arena arena = Arena.ofShared();
    private volatile boolean stopping;
    private long lost;

    private KernelLogWatcher(int fd) {
        this.fd = fd;
        this.buf = arena.allocate(RECORD_MAX);
        drain(false); // what is already in the buffer happened before this test
        this.reader = Thread.ofPlatform().daemon().name("kmsg-watcher").start(this::loop);
    }

    /** A watcher, or empty when {@code /dev/kmsg} cannot be read (not root, no such node). */
    public static Optional<KernelLogWatcher> start() {
        try {
            return Optional.of(new KernelLogWatcher(Libc.open(KMSG, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC)));
        } catch (NativeCallException e) {
            return Optional.empty();
        }
    }

    private void loop() {
        while (!stopping) {
            drain(true);
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads every available record; {@code keep} false only skips them. */
    private synchronized void drain(boolean keep) {
        while (true) {
            long n;
            try {
                n = Libc.pread(fd, buf, RECORD_MAX, 0); // kmsg ignores the offset: one record per read
            } catch (NativeCallException e) {
                if (e.errno() == EPIPE) {
                    lost++;
                    continue;
                }
                if (e.errno() != Errno.EAGAIN && e.errno() != Errno.EINTR) {
                    stopping = true; // fd gone or unreadable: nothing more to learn
                }
                return;
            }
            if (n <= 0) {
                return;
            }
            if (keep && messages.size() < MAX_RECORDS) {
                messages.add(message(new String(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8)));
            }
        }
    }

    /** The text of a record {@code "PRIO,SEQ,USEC,FLAGS[,...];TEXT\n[ KEY=VALUE\n...]"}. */
    static String message(String record) {
        int semi = record.indexOf(';');
        String text = semi >= 0 ? record.substring(semi + 1) : record;
        int nl = text.indexOf('\n');
        return (nl >= 0 ? text.substring(0, nl) : text).replace("\\x0a", " ");
    }

    /** The findings since start, including what the kernel logged up to this call. */
    public synchronized List<KernelLogFinding> findings() {
        if (!stopping) {
            drain(true);
        }
        return KernelLogPatterns.scan(List.copyOf(messages));
    }

    /** Records seen since start (for "watched N records, clean"). */
    public synchronized int recordCount() {
        return messages.size();
    }

    /** Records the kernel overwrote before they were read. */
    public synchronized long lostRecords() {
        return lost;
    }

    @Override
    public void close() {
        stopping = true;
        reader.interrupt();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            VfioHandle.closeQuietly(fd);
            arena.close();
        }
    }
}
