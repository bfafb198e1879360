package io.vfiorig.controller.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.TestResult;
import io.vfiorig.controller.ControllerServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

/** kill -9 an agent (its own JVM) mid-stream: when it comes back, nothing it had spooled is lost. */
public class AgentKillTest {
    @Test
    public void everythingSpooledBeforeAnAgentKillIsStoredWhenItReturns() throws Exception {
        Path dir = StreamLab.tempDir("agent-kill");
        int port = StreamLab.freePort();
        Path spool = dir.resolve("spool");
        String runId = "agent-kill-1";
        ControllerServer.Config cfg = new ControllerServer.Config(StreamLab.inventory(),
                "jdbc:sqlite:" + dir.resolve("results.db"), new InetSocketAddress("127.0.0.1", port), null, null);
        try (ControllerServer controller = ControllerServer.start(cfg, ControllerServer.NO_FLEET)) {
            Path log1 = dir.resolve("agent-1.log");
            Process agent = JavaProcess.start(AgentProcess.class, log1, spool.toString(), Integer.toString(port), runId,
                    "20000");
            try {
                StreamLab.await("the agent to have spooled and sent some", 180_000,
                        () -> controller.store().highestSequence(StreamLab.HOST_1, runId) >= 1000);
            } finally {
                JavaProcess.kill9(agent);
            }
            long spooled = Files.readAllLines(log1).stream().filter(l -> l.startsWith("spooled "))
                    .mapToLong(l -> Long.parseLong(l.substring(8))).max().orElseThrow();
            long storedBefore = controller.store().highestSequence(StreamLab.HOST_1, runId);
            assertTrue(spooled < 20_000, "killed too late: all spooled");

            Path log2 = dir.resolve("agent-2.log");
            Process back = JavaProcess.start(AgentProcess.class, log2, spool.toString(), Integer.toString(port), runId, "0");
            try {
                JavaProcess.awaitLine(back, log2, "drained", 300_000);
            } finally {
                JavaProcess.kill9(back);
            }
            List<TestResult> stored = controller.store().tests(StreamLab.HOST_1, runId);
            // Every result whose append had returned before the kill is stored, once, in order.
            assertTrue(stored.size() >= spooled, stored.size() + " stored, " + spooled + " spooled (" + storedBefore
                    + " stored before the kill)");
            for (int i = 0; i < stored.size(); i++) {
                assertEquals(stored.get(i), StreamLab.result(i), "sequence " + i);
            }
        }
    }
}
