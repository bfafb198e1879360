package io.vfiorig.uplink;

import io.vfiorig.proto.Ack;
import io.vfiorig.proto.Report;
import io.vfiorig.wire.WireLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The agent's durable outbox: every report is appended and fsync'd here before it may be sent, and
 * stays until the controller acknowledges it as stored. Survives kill -9 (a torn last record is cut
 * off on open: it was never sent). Segment files ({@code seg-N.log}) whose every record is
 * acknowledged are deleted, so disk use follows what is unacknowledged. Memory use does not grow with
 * the backlog: readers stream records from disk. Thread-safe.
 */
public final class Spool implements AutoCloseable {
    static final long SEGMENT_BYTES = 8L << 20;
    /** An acknowledged active segment this large is rolled and deleted rather than kept growing. */
    static final long ROLL_ACKED_BYTES = 64L << 10;
    private static final long SAVE_ACKS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String ACKS_FILE = "acked.txt";

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final List<Segment> segments = new ArrayList<>(); // oldest first; the last is the active one
    private final AckState acks;
    private FileChannel active;
    private long appendVersion;
    private long lastAckSave = System.nanoTime();
    private boolean closed;

    private Spool(Path dir, AckState acks) {
        this.dir = dir;
        this.acks = acks;
    }

    /** Opens (creating) the spool in {@code dir}, recovering what an earlier process left. */
    public static Spool open(Path dir) {
        try {
            Files.createDirectories(dir);
            Spool s = new Spool(dir, AckState.load(dir.resolve(ACKS_FILE)));
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().matches("seg-\\d+\\.log")).sorted().toList();
            }
            for (Path f : files) {
                s.segments.add(Segment.recover(segmentId(f), f));
            }
            s.compactLocked();
            s.openActive(s.segments.isEmpty() ? 1 : s.segments.getLast().id);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool in " + dir
                    + "; fix: give --spool a writable directory on a local disk", e);
        }
    }

    /**
     * Appends reports and forces them to disk: when this returns they survive a crash.
     *
     * @throws IllegalArgumentException if a report is larger than the controller accepts (nothing appended)
     */
    public void append(List<Report> reports) {
        long bytes = 0;
        for (Report r : reports) {
            if (r.getSerializedSize() > WireLimits.MAX_REPORT_BYTES) {
                throw new IllegalArgumentException("report of run " + r.getRunId() + " is " + r.getSerializedSize()
                        + " bytes, more than the " + WireLimits.MAX_REPORT_BYTES + " the controller accepts");
            }
            bytes += Segment.HEADER + r.getSerializedSize();
        }
        // One write per append: on a VM every system call costs as much as encoding a report.
        ByteBuffer encoded = ByteBuffer.allocate(Math.toIntExact(bytes));
        for (Report r : reports) {
            Segment.encode(r, encoded);
        }
        encoded.flip();
        lock.lock();
        try {
            ensureOpen();
            Segment seg = segments.getLast();
            long pos = seg.committed();
            while (encoded.hasRemaining()) {
                pos += active.write(encoded, pos);
            }
            active.force(false);
            for (Report r : reports) {
                seg.note(r);
            }
            seg.committed(pos);
            appendVersion++;
            appended.signalAll();
            if (pos >= SEGMENT_BYTES) {
                roll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the spool in " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    public void append(Report r) {
        append(List.of(r));
    }

    /** Records an acknowledgement and deletes segments that are now wholly acknowledged. */
    public void acknowledge(Ack ack) {
        lock.lock();
        try {
            acks.apply(ack);
            if (closed) {
                return;
            }
            Segment last = segments.getLast();
            if (last.committed() >= ROLL_ACKED_BYTES && last.fullyAcked(acks)) {
                roll();
            }
            boolean deleted = compactLocked();
            if (deleted || System.nanoTime() - lastAckSave > SAVE_ACKS_EVERY_NANOS) {
                saveAcks();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the spool in " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the controller has acknowledged this report */
    boolean acked(ReportKey k) {
        lock.lock();
        try {
            return acks.acked(k);
        } finally {
            lock.unlock();
        }
    }

    /** @return true when every spooled report is acknowledged */
    public boolean drained() {
        lock.lock();
        try {
            return segments.stream().allMatch(s -> s.fullyAcked(acks));
        } finally {
            lock.unlock();
        }
    }

    /** A reader from the oldest unacknowledged report: what a new connection replays, then new ones. */
    public SpoolReader reader() {
        return new SpoolReader(this);
    }

    /** Waits until something is appended after {@code version} ({@link #version()}), or the timeout. */
    boolean awaitAppend(long version, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (appendVersion == version && !closed && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
            return appendVersion != version;
        } finally {
            lock.unlock();
        }
    }

    long version() {
        lock.lock();
        try {
            return appendVersion;
        } finally {
            lock.unlock();
        }
    }

    /** The segment after {@code id} (or the first, for -1), or null. */
    Segment segmentAfter(long id) {
        lock.lock();
        try {
            for (Segment s : segments) {
                if (s.id > id) {
                    return s;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            appended.signalAll();
            saveAcks();
            active.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the spool in " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the spool in " + dir + " is closed");
        }
    }

    private void openActive(long id) throws IOException {
        Path f = dir.resolve(String.format("seg-%012d.log", id));
        boolean fresh = segments.isEmpty() || segments.getLast().id != id;
        active = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (fresh) {
            segments.add(Segment.create(id, f));
            forceDirectory();
        }
    }

    private void roll() throws IOException {
        active.close();
        openActive(segments.getLast().id + 1);
    }

    /** Deletes wholly acknowledged segments other than the active one. */
    private boolean compactLocked() throws IOException {
        boolean deleted = false;
        while (segments.size() > 1 && segments.getFirst().fullyAcked(acks)) {
            Files.deleteIfExists(segments.removeFirst().file);
            deleted = true;
        }
        if (deleted) {
            Set<String> runs = new HashSet<>();
            segments.forEach(s -> s.runIds().forEach(runs::add));
            acks.retainOnly(runs);
        }
        return deleted;
    }

    private void saveAcks() throws IOException {
        acks.save(dir.resolve(ACKS_FILE));
        lastAckSave = System.nanoTime();
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be forced; the segment's own fsync still holds.
        }
    }

    private static long segmentId(Path f) {
        String n = f.getFileName().toString();
        return Long.parseLong(n.substring(4, n.length() - 4));
    }
}
