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
 * soft lockup, RCU stall). Only the kernel's own records count: lines user space wrote into
 * {@code /dev/kmsg} (facility other than 0, which the kernel enforces for them) are dropped, so a
 * daemon printing "WARNING:" is not a kernel report. Reading {@code /dev/kmsg} needs root (or
 * kernel.dmesg_restrict=0).
 */
public final class KernelLogWatcher implements AutoCloseable {
    public static final String KMSG = "/dev/kmsg";
    private static final long POLL_MS = 100;
    /** Lines held before older ones are reduced to their findings (a debug-print storm must not eat the heap). */
    private static final int MAX_LINES = 20_000;
    /** /dev/kmsg returns one record per read; records are at most ~8 KiB (PRINTK_MESSAGE_MAX). */
    private static final int RECORD_MAX = 8192;
    private static final int EPIPE = 32; // records were overwritten before we read them

    private final int fd;
    private final List<String> messages = new ArrayList<>();
    private final List<KernelLogFinding> earlier = new ArrayList<>();
    private final Thread reader;
    private final MemorySegment buf;
    private final Arena arena = Arena.ofShared();
    private volatile boolean stopping;
    private long lost;
    private long records;

    private KernelLogWatcher(int fd) {
        this.fd = fd;
        this.buf = arena.allocate(RECORD_MAX);
        drain(false); // what is already in the buffer happened before this test
        this.reader = Thread.ofPlatform().daemon().name("kmsg-watcher").start(this::loop);
    }

    /** A watcher, or empty when {@code /dev/kmsg} cannot be read (not root, no such node). */
    public static Optional<KernelLogWatcher> start() {
        try {
            return Optional.of(open());
        } catch (NativeCallException e) {
            return Optional.empty();
        }
    }

    /**
     * A watcher from now on.
     *
     * @throws NativeCallException naming open(2)'s errno when {@code /dev/kmsg} cannot be read
     */
    public static KernelLogWatcher open() {
        return new KernelLogWatcher(Libc.open(KMSG, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC));
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
            if (keep) {
                records++;
                for (String line : kernelLines(new String(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8))) {
                    messages.add(line);
                    if (messages.size() >= MAX_LINES) {
                        compact();
                    }
                }
            }
        }
    }

    /**
     * The kernel's lines in a record {@code "PRIO,SEQ,USEC,FLAGS[,...];TEXT\n[ KEY=VALUE\n...]"}: none
     * when user space wrote it (PRIO's facility bits, {@code PRIO >> 3}, are not 0), else TEXT with
     * kmsg's {@code \xNN} escapes undone, one element per line.
     */
    static List<String> kernelLines(String record) {
        int semi = record.indexOf(';');
        if (semi < 0) {
            return List.of();
        }
        int comma = record.indexOf(',');
        try {
            if (Integer.parseInt(record.substring(0, comma > 0 && comma < semi ? comma : semi)) >> 3 != 0) {
                return List.of(); // user space's line, not the kernel's
            }
        } catch (NumberFormatException e) {
            return List.of();
        }
        String text = record.substring(semi + 1);
        int nl = text.indexOf('\n');
        return List.of(unescape(nl >= 0 ? text.substring(0, nl) : text).split("\n", -1));
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
                try {
                    out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the backslash
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The kernel's lines since start (bounded), for reports that are not findings (a sysrq dump). */
    public synchronized List<String> lines() {
        if (!stopping) {
            drain(true);
        }
        return List.copyOf(messages);
    }

    /** Keeps the findings of the older lines and only the newest lines themselves. */
    private void compact() {
        int cut = messages.size() - KernelLogPatterns.EXCERPT_LINES;
        List<String> older = messages.subList(0, cut);
        earlier.addAll(KernelLogPatterns.scan(List.copyOf(older)));
        older.clear();
    }

    /** The findings since start, including what the kernel logged up to this call. */
    public synchronized List<KernelLogFinding> findings() {
        if (!stopping) {
            drain(true);
        }
        List<KernelLogFinding> all = new ArrayList<>(earlier);
        all.addAll(KernelLogPatterns.scan(List.copyOf(messages)));
        return all;
    }

    /** Records seen since start, the kernel's and user space's (for "watched N records, clean"). */
    public synchronized int recordCount() {
        return (int) Math.min(Integer.MAX_VALUE, records);
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
