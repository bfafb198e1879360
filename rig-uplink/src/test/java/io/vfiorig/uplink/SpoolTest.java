package io.vfiorig.uplink;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.Environment;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.proto.Ack;
import io.vfiorig.proto.Report;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/** The spool on a real file system: durable appends, torn tails, acknowledgement and compaction. */
public class SpoolTest {
    private static final RunReports RUN = new RunReports("run-1", "smoke", "sim", "sim", "sim", "2026-11-25T10:00:00Z",
            new Environment("h", "6.15.0", "#1", "amd64", 2, "25", "test"), () -> 1_795_000_000_000L);

    private static Report report(long seq) {
        return RUN.result(new TestResult(seq, "smoke", "T.t" + seq, "sim", "sim", TestStatus.PASS, seq, "", List.of(),
                List.of(), Map.of("faults", seq), List.of(), Map.of("f", "x".repeat(200))));
    }

    private static List<Report> readAll(Spool s) throws Exception {
        List<Report> out = new ArrayList<>();
        try (SpoolReader r = s.reader()) {
            for (Report x = r.next(); x != null; x = r.next()) {
                out.add(x);
            }
        }
        return out;
    }

    private static Report sized(long seq, int factBytes) {
        return RUN.result(new TestResult(seq, "smoke", "T.t" + seq, "sim", "sim", TestStatus.PASS, seq, "", List.of(),
                List.of(), Map.of("faults", seq), List.of(), Map.of("f", "y".repeat(factBytes))));
    }

    @Test
    public void aReaderReadsRecordsAcrossItsBufferAndFollowsAppends() throws Exception {
        Path dir = Files.createTempDirectory("spool-chunks");
        List<Report> written = new ArrayList<>();
        try (Spool s = Spool.open(dir); SpoolReader r = s.reader()) {
            // Sizes that straddle the reader's buffer at odd offsets, and one record larger than it.
            for (int i = 0; i < 400; i++) {
                written.add(sized(i, i == 123 ? SpoolReader.BUFFER_BYTES + 5000 : 100 + (i * 997) % 3000));
            }
            s.append(written.subList(0, 250));
            List<Report> read = new ArrayList<>();
            for (Report x = r.next(); x != null; x = r.next()) {
                read.add(x);
            }
            assertEquals(read, written.subList(0, 250), "everything committed so far, in order");
            s.append(written.subList(250, 400)); // the same reader sees later appends
            for (Report x = r.next(); x != null; x = r.next()) {
                read.add(x);
            }
            assertEquals(read, written);
        }
    }

    @Test
    public void reportsSurviveAReopenAndATornTailIsCutOff() throws Exception {
        Path dir = Files.createTempDirectory("spool-torn");
        try (Spool s = Spool.open(dir)) {
            s.append(List.of(report(0), report(1), report(2)));
        }
        Path seg;
        try (Stream<Path> files = Files.list(dir)) {
            seg = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        long good = Files.size(seg);
        // A kill -9 in the middle of the next append: a header promising 100 bytes, 10 of them written.
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(18).putInt(100).putInt(12345).flip());
        }
        try (Spool s = Spool.open(dir)) {
            assertEquals(Files.size(seg), good, "torn tail cut off");
            assertEquals(readAll(s), List.of(report(0), report(1), report(2)));
            s.append(report(3));
            assertEquals(readAll(s).size(), 4);
        }
    }

    @Test
    public void acknowledgedReportsAreNeitherReplayedNorKept() throws Exception {
        Path dir = Files.createTempDirectory("spool-ack");
        int n = 1_000; // ~400 KiB: more than the roll threshold
        try (Spool s = Spool.open(dir)) {
            for (int i = 0; i < n; i += 100) {
                List<Report> batch = new ArrayList<>();
                for (int k = i; k < i + 100; k++) {
                    batch.add(report(k));
                }
                s.append(batch);
            }
            s.acknowledge(Ack.newBuilder().setRunId("run-1").setContiguousSequence(499).build());
            assertFalse(s.drained());
            List<Report> left = readAll(s);
            assertEquals(left.size(), 500);
            assertEquals(left.getFirst(), report(500));
            s.acknowledge(Ack.newBuilder().setRunId("run-1").setContiguousSequence(n - 1).build());
            assertTrue(s.drained());
            assertTrue(readAll(s).isEmpty());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.filter(p -> p.toString().endsWith(".log")).allMatch(p -> p.toFile().length() == 0),
                    "acknowledged segments deleted, the new active one empty");
        }
        try (Spool s = Spool.open(dir); SpoolReader r = s.reader()) {
            assertNull(r.next());
        }
    }
}
