package io.vfiorig.controller.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.grpc.ManagedChannel;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.controller.ControllerServer;
import io.vfiorig.controller.store.StoredRun;
import io.vfiorig.uplink.RunReports;
import io.vfiorig.uplink.Spool;
import io.vfiorig.uplink.UplinkClient;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/** Agent offline while results pile up in its spool: all of them drained once the controller is there. */
public class OfflineDrainTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    public void resultsSpooledWhileTheControllerIsAwayAreAllStoredWhenItComes() throws Exception {
        Path dir = StreamLab.tempDir("offline");
        int port = StreamLab.freePort();
        RunReports run = StreamLab.run("offline-1", "sim");
        int n = 5_000;
        try (Spool spool = Spool.open(dir.resolve("spool"))) {
            ManagedChannel ch = UplinkClient.channel("127.0.0.1:" + port, null);
            try (UplinkClient agent = new UplinkClient(ch, spool, () -> StreamLab.hello(StreamLab.HOST_1), o -> { },
                    QUIET).start()) {
                for (int i = 0; i < n; i += 500) {
                    spool.append(StreamLab.results(run, i, i + 500));
                }
                spool.append(run.finished("2026-11-25T10:05:00Z", "violations", 1, List.of()));
                Thread.sleep(500);
                assertFalse(agent.connected());
                assertFalse(spool.drained());

                ControllerServer.Config cfg = new ControllerServer.Config(StreamLab.inventory(),
                        "jdbc:sqlite:" + dir.resolve("results.db"), new InetSocketAddress("127.0.0.1", port), null, null);
                try (ControllerServer controller = ControllerServer.start(cfg, ControllerServer.NO_FLEET)) {
                    long t0 = System.nanoTime();
                    StreamLab.await("the spool to drain", 120_000, spool::drained);
                    System.err.printf("drained %d results in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
                    List<TestResult> stored = controller.store().tests(StreamLab.HOST_1, "offline-1");
                    assertEquals(stored.size(), n);
                    for (int i = 0; i < n; i++) {
                        assertEquals(stored.get(i), StreamLab.result(i), "sequence " + i);
                    }
                    StoredRun r = controller.store().run(StreamLab.HOST_1, "offline-1").orElseThrow();
                    assertEquals(r.end().status(), "violations");
                    assertEquals(controller.transport().stats().storedResults(), n);
                }
            } finally {
                ch.shutdownNow();
            }
            // Acknowledged segments are compacted away: at most the (small) active one is left.
            try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
                List<Path> segs = files.filter(p -> p.toString().endsWith(".log")).toList();
                assertTrue(segs.size() <= 1, segs.toString());
            }
        }
    }
}
