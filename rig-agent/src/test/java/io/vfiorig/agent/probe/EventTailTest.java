package io.vfiorig.agent.probe;

import static org.testng.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.testng.annotations.Test;

public class EventTailTest {
    @Test
    public void readsOnlyCompleteLinesAndCountsATornOne() throws Exception {
        Path f = Files.createTempFile("events", ".jsonl");
        EventTail tail = new EventTail(f);
        try (EventLog log = new EventLog(f)) {
            log.emit(ProbeEvent.testStart("A.a"));
            log.emit(ProbeEvent.suiteEnd());
        }
        assertEquals(tail.poll().stream().map(ProbeEvent::type).toList(), java.util.List.of("test-start", "suite-end"));
        Files.writeString(f, "{\"type\":\"test-st", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(tail.poll().size(), 0, "a partial line waits for its newline");
        Files.writeString(f, "art\"}\n{\"type\":\"res", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(tail.poll().getFirst().type(), "test-start");
        Files.writeString(f, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(tail.poll().size(), 0);
        assertEquals(tail.malformedLines(), 1, "a torn line from a crash is counted, not fatal");
    }
}
