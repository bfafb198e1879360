package io.vfiorig.uplink;

import io.vfiorig.proto.Report;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * Reads a spool from its oldest segment onwards, skipping acknowledged reports and following
 * appends. Reads a segment in 64 KiB chunks (one read per record made the system calls the agent's
 * main cost); only bytes below the segment's committed size are ever read, and those never change.
 * One per connection; not thread-safe.
 */
public final class SpoolReader implements AutoCloseable {
    static final int BUFFER_BYTES = 64 << 10;

    private final Spool spool;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long bufferAt; // file offset of buffer[0]; buffer.limit() bytes are valid
    private Segment segment;
    private FileChannel channel;
    private long pos;
    private long lastId = -1; // segment ids start at 1

    SpoolReader(Spool spool) {
        this.spool = spool;
    }

    /** @return the next unacknowledged report, or null when there is none now */
    public Report next() throws IOException {
        while (true) {
            if (segment == null && !advance()) {
                return null;
            }
            long limit = segment.committed();
            Report r = pos < limit ? read(limit) : null;
            if (r == null) {
                // End of this segment: move on only if a later one exists (else wait for appends here).
                Segment next = spool.segmentAfter(segment.id);
                if (next == null || segment.committed() > pos) {
                    return null;
                }
                closeChannel();
                segment = null;
                continue;
            }
            pos += Segment.HEADER + r.getSerializedSize();
            if (!spool.acked(ReportKey.of(r))) {
                return r;
            }
        }
    }

    /** The record at {@link #pos}, from the buffer (refilled as needed), or null if none whole and intact. */
    private Report read(long limit) throws IOException {
        if (pos + Segment.HEADER > limit) {
            return null;
        }
        if (!buffered(Segment.HEADER)) {
            fill(limit);
        }
        int at = (int) (pos - bufferAt);
        int len = buffer.getInt(at);
        if (len < 0 || pos + Segment.HEADER + len > limit) {
            return null;
        }
        if (Segment.HEADER + len > BUFFER_BYTES) {
            return Segment.readAt(channel, pos, limit); // a record larger than the buffer: read alone
        }
        if (!buffered(Segment.HEADER + len)) {
            fill(limit);
            at = 0;
        }
        return Segment.decode(buffer.array(), at + Segment.HEADER, len, buffer.getInt(at + 4));
    }

    private boolean buffered(int bytes) {
        return pos >= bufferAt && pos + bytes <= bufferAt + buffer.limit();
    }

    /** Refills the buffer from {@link #pos} with what is committed, up to its capacity. */
    private void fill(long limit) throws IOException {
        buffer.clear();
        buffer.limit((int) Math.min(BUFFER_BYTES, limit - pos));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, pos + buffer.position()) < 0) {
                throw new IOException("unexpected end of " + segment.file + " at " + (pos + buffer.position()));
            }
        }
        buffer.flip();
        bufferAt = pos;
    }

    private boolean advance() throws IOException {
        Segment s = spool.segmentAfter(lastId);
        while (s != null) {
            try {
                channel = FileChannel.open(s.file, StandardOpenOption.READ);
                segment = s;
                lastId = s.id;
                pos = 0;
                buffer.clear().limit(0);
                bufferAt = 0;
                return true;
            } catch (NoSuchFileException e) {
                s = spool.segmentAfter(s.id); // compacted meanwhile: all of it was acknowledged
            }
        }
        return false;
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public void close() {
        try {
            closeChannel();
        } catch (IOException ignored) {
            // A read-only channel: nothing to lose.
        }
    }
}
