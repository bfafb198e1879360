package io.vfiorig.uplink;

import io.vfiorig.proto.Report;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * Reads a spool from its oldest segment onwards, skipping acknowledged reports and following
 * appends. One per connection; not thread-safe.
 */
public final class SpoolReader implements AutoCloseable {
    private final Spool spool;
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
            Report r = pos < limit ? Segment.readAt(channel, pos, limit) : null;
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

    private boolean advance() throws IOException {
        Segment s = spool.segmentAfter(lastId);
        while (s != null) {
            try {
                channel = FileChannel.open(s.file, StandardOpenOption.READ);
                segment = s;
                lastId = s.id;
                pos = 0;
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
