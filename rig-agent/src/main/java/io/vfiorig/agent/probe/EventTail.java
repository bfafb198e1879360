package io.vfiorig.agent.probe;

import io.vfiorig.agent.report.ResultsJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Supervisor side of the event stream: reads the complete lines appended since the last call. */
public final class EventTail {
    private final Path file;
    private long position;
    private final StringBuilder partial = new StringBuilder();
    private long malformed;

    public EventTail(Path file) {
        this.file = file;
    }

    public List<ProbeEvent> poll() throws IOException {
        List<ProbeEvent> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            if (len <= position) {
                return events;
            }
            byte[] buf = new byte[(int) Math.min(len - position, 16 << 20)];
            raf.seek(position);
            raf.readFully(buf);
            position += buf.length;
            partial.append(new String(buf, StandardCharsets.UTF_8));
        }
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, nl);
            partial.delete(0, nl + 1);
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(ResultsJson.mapper().readValue(line, ProbeEvent.class));
            } catch (IOException e) {
                malformed++; // a torn last line from a crashed probe; counted, never fatal
            }
        }
        return events;
    }

    public long malformedLines() {
        return malformed;
    }
}
