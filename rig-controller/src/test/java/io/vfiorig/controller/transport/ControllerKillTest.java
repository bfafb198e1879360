package io.vfiorig.controller.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.grpc.ManagedChannel;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.controller.store.PostgresServer;
import io.vfiorig.controller.store.ResultStore;
import io.vfiorig.uplink.RunReports;
import io.vfiorig.uplink.Spool;
import io.vfiorig.uplink.UplinkClient;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * kill -9 the controller (its own JVM) in the middle of a stream of 10,000 results, start it again:
 * every result is stored exactly once, on SQLite and on a real PostgreSQL.
 */
public class ControllerKillTest {
    private static final int RESULTS = 10_000;

    @DataProvider
    public Object[][] stores() {
        return new Object[][] {{"sqlite"}, {"postgresql"}};
    }

    @Test(dataProvider = "stores")
    public void everyResultIsStoredExactlyOnceAcrossAControllerKill(String db) throws Exception {
        Path dir = StreamLab.tempDir("ctl-kill-" + db);
        String url = db.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("results.db") : PostgresServer.newDatabaseUrl();
        Path inventory = StreamLab.inventoryFile(dir);
        int port = StreamLab.freePort();
        String runId = "kill-" + db;
        RunReports run = StreamLab.run(runId, "sim");
        Process controller = ControllerProcess.start(inventory, url, port, dir.resolve("controller-1.log"));
        ManagedChannel ch = UplinkClient.channel("127.0.0.1:" + port, null);
        try (Spool spool = Spool.open(dir.resolve("spool"));
                UplinkClient agent = new UplinkClient(ch, spool, () -> StreamLab.hello(StreamLab.HOST_1), o -> { },
                        OfflineDrainTest.QUIET).start();
                ResultStore reader = ResultStore.open(url)) {
            for (int i = 0; i < RESULTS; i += 250) {
                spool.append(StreamLab.results(run, i, i + 250));
            }
            spool.append(run.finished("2026-11-25T10:05:00Z", "passed", 0, List.of()));
            // Mid-stream: some stored, most not.
            StreamLab.await("the first results stored", 120_000, () -> reader.highestSequence(StreamLab.HOST_1, runId) >= 500);
            JavaProcess.kill9(controller);
            long before = reader.highestSequence(StreamLab.HOST_1, runId);
            assertTrue(before < RESULTS - 1, "killed too late to prove anything: " + before);

            controller = ControllerProcess.start(inventory, url, port, dir.resolve("controller-2.log"));
            StreamLab.await("the spool to drain after the restart", 300_000, spool::drained);

            List<TestResult> stored = reader.tests(StreamLab.HOST_1, runId);
            assertEquals(stored.size(), RESULTS);
            for (int i = 0; i < RESULTS; i++) {
                assertEquals(stored.get(i).sequence(), i);
            }
            assertEquals(stored.get(4321), StreamLab.result(4321));
            assertEquals(reader.run(StreamLab.HOST_1, runId).orElseThrow().end().status(), "passed");
        } finally {
            ch.shutdownNow();
            JavaProcess.kill9(controller);
        }
    }
}
