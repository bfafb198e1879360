package io.vfiorig.agent.device.bind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The binding journal: a small text file naming, per device the rig moved to vfio-pci, the driver
 * and driver_override to give back. It is written and flushed to disk <em>before</em> sysfs is
 * touched, so a rig killed at any point (SIGKILL, power loss of the process) leaves enough behind
 * for {@code rig restore} or the next start to put every device back.
 *
 * <p>Format (one device per line, space separated, {@code -} for none; readable and fixable by hand):
 * <pre>
 * # vfio-rig binding journal v1: BDF DRIVER OVERRIDE OWNER_PID OWNER_START_MS SINCE
 * 0000:03:00.0 virtio-pci - 812 1764100000000 2026-11-25T19:40:00Z
 * </pre>
 * Every change replaces the file atomically (temporary file, fsync, rename, fsync of the folder).
 * A lock file serialises rigs on one host.
 */
public final class BindJournal {
    /** {@code /run} is a tmpfs: after a reboot the journal is gone, and so are the bindings it describes. */
    public static final Path DEFAULT = Path.of("/run/vfio-rig/bindings");
    static final String HEADER = "# vfio-rig binding journal v1: BDF DRIVER OVERRIDE OWNER_PID OWNER_START_MS SINCE ('-' = none)";
    private static final String NONE = "-";
    /** FileChannel locks are per JVM: threads of one JVM queue here first. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path file;

    public BindJournal(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /**
     * @return the entries, in file order; empty when there is no journal
     * @throws JournalException naming file, line and fix when a line is not an entry
     */
    public List<JournalEntry> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JournalEntry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.add(parse(line, i + 1));
        }
        return out;
    }

    /** The entry for one device, if journaled. */
    public Optional<JournalEntry> find(String bdf) throws IOException {
        return read().stream().filter(e -> e.bdf().equals(bdf)).findFirst();
    }

    /**
     * Adds an entry and makes it durable. A device already journaled keeps its first entry: that one
     * names the driver it had before the rig first took it, which is what must come back.
     */
    void record(JournalEntry e) throws IOException {
        List<JournalEntry> all = new ArrayList<>(read());
        if (all.stream().noneMatch(x -> x.bdf().equals(e.bdf()))) {
            all.add(e);
            write(all);
        }
    }

    /** Drops a device's entry once it is back on its original driver. */
    void forget(String bdf) throws IOException {
        List<JournalEntry> all = new ArrayList<>(read());
        if (all.removeIf(x -> x.bdf().equals(bdf))) {
            write(all);
        }
    }

    /** Holds the host-wide journal lock (and this JVM's) until closed; re-entrant within a thread. */
    Lock lock() throws IOException {
        Files.createDirectories(file.getParent());
        if (IN_PROCESS.isHeldByCurrentThread()) {
            IN_PROCESS.lock();
            return new Lock(null, null); // the outer holder keeps the file lock
        }
        IN_PROCESS.lock();
        try {
            FileChannel ch = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            return new Lock(ch, ch.lock());
        } catch (IOException | RuntimeException e) {
            IN_PROCESS.unlock();
            throw e;
        }
    }

    /** The journal lock; {@link #close()} releases it. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                if (lock != null) {
                    lock.release();
                    channel.close();
                }
            } finally {
                IN_PROCESS.unlock();
            }
        }
    }

    private void write(List<JournalEntry> entries) throws IOException {
        Files.createDirectories(file.getParent());
        if (entries.isEmpty()) {
            Files.deleteIfExists(file);
            syncDir();
            return;
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (JournalEntry e : entries) {
            sb.append(e.bdf()).append(' ').append(orNone(e.driver())).append(' ').append(orNone(e.override())).append(' ')
                    .append(e.ownerPid()).append(' ').append(e.ownerStartMs()).append(' ').append(e.since()).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir();
    }

    /** Makes the rename itself durable. */
    private void syncDir() throws IOException {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private JournalEntry parse(String line, int lineNo) throws JournalException {
        String[] f = line.split("\\s+");
        if (f.length != 6) {
            throw new JournalException(file, lineNo, "expected 6 fields (BDF DRIVER OVERRIDE OWNER_PID OWNER_START_MS SINCE), got "
                    + f.length + ": '" + line + "'");
        }
        try {
            return new JournalEntry(f[0], none(f[1]), none(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), Instant.parse(f[5]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new JournalException(file, lineNo, e.getMessage() + " in '" + line + "'");
        }
    }

    private static String orNone(String s) {
        return s.isEmpty() ? NONE : s;
    }

    private static String none(String s) {
        return NONE.equals(s) ? "" : s;
    }
}
