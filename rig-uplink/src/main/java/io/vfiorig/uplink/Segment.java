package io.vfiorig.uplink;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vfiorig.proto.Report;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One spool file: records {@code [int length][int crc32c][Report bytes]}, appended only. Keeps a
 * summary (per run: highest sequence, whether its end is here) to tell when every record in it is
 * acknowledged, so the file can go. Guarded by the spool's lock, except {@link #read}.
 */
final class Segment {
    static final int HEADER = 8;

    final long id;
    final Path file;
    private final Map<String, long[]> runs = new HashMap<>(); // run -> {highest sequence, has end (0/1)}
    private volatile long committed; // bytes written and forced: what readers may read

    private Segment(long id, Path file) {
        this.id = id;
        this.file = file;
    }

    static Segment create(long id, Path file) {
        return new Segment(id, file);
    }

    /**
     * Reads a segment left by an earlier process; a torn or corrupt tail (killed mid-append) is cut
     * off: those records were never fsync'd, so never sent, so never acknowledged.
     */
    static Segment recover(long id, Path file) throws IOException {
        Segment s = new Segment(id, file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long pos = 0;
            long size = ch.size();
            while (true) {
                Report r = readAt(ch, pos, size);
                if (r == null) {
                    break;
                }
                s.note(r);
                pos += HEADER + r.getSerializedSize();
            }
            if (pos < size) {
                ch.truncate(pos);
                ch.force(true);
            }
            s.committed = pos;
        }
        return s;
    }

    /** @return the record at {@code pos}, or null if there is none whole and intact there */
    static Report readAt(FileChannel ch, long pos, long limit) throws IOException {
        if (pos + HEADER > limit) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(HEADER);
        readFully(ch, head, pos);
        int len = head.getInt(0);
        if (len < 0 || pos + HEADER + len > limit) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(len);
        readFully(ch, body, pos + HEADER);
        return decode(body.array(), 0, len, head.getInt(4));
    }

    /** @return the report in {@code bytes[off, off + len)} if its checksum is {@code crc}, else null */
    static Report decode(byte[] bytes, int off, int len, int crc) {
        CRC32C c = new CRC32C();
        c.update(bytes, off, len);
        if ((int) c.getValue() != crc) {
            return null;
        }
        try {
            return Report.parser().parseFrom(bytes, off, len);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** Appends the record of {@code r} to {@code out}, which has room for {@link #HEADER} + its size. */
    static void encode(Report r, ByteBuffer out) {
        byte[] bytes = r.toByteArray();
        CRC32C c = new CRC32C();
        c.update(bytes);
        out.putInt(bytes.length).putInt((int) c.getValue()).put(bytes);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of " + pos);
            }
        }
    }

    void note(Report r) {
        long[] span = runs.computeIfAbsent(r.getRunId(), k -> new long[] {-1, 0});
        if (r.hasFinished()) {
            span[1] = 1;
        } else {
            span[0] = Math.max(span[0], r.getResult().getSequence());
        }
    }

    void committed(long bytes) {
        committed = bytes;
    }

    long committed() {
        return committed;
    }

    boolean fullyAcked(AckState acks) {
        for (Map.Entry<String, long[]> e : runs.entrySet()) {
            long[] span = e.getValue();
            if (span[0] >= 0 && !acks.acked(new ReportKey(e.getKey(), span[0]))) {
                return false;
            }
            if (span[1] == 1 && !acks.acked(new ReportKey(e.getKey(), ReportKey.FINISHED))) {
                return false;
            }
        }
        return true;
    }

    Iterable<String> runIds() {
        return runs.keySet();
    }
}
