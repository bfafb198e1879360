package io.vfiorig.agent.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vfiorig.agent.report.ResultsJson;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Probe side of the event stream: appends one JSON line per event, unbuffered. */
public final class EventLog implements AutoCloseable {
    private final FileOutputStream out;

    public EventLog(Path file) throws IOException {
        this.out = new FileOutputStream(file.toFile(), true);
    }

    public synchronized void emit(ProbeEvent event) {
        byte[] line = (encode(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(line); // one write(2): the kernel keeps it even if this JVM aborts next
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(ProbeEvent event) {
        try {
            return ResultsJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode probe event " + event.type(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.getFD().sync();
        out.close();
    }
}
