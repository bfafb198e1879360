package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** One probe JVM survives at least a million SIGBUS from its hammer threads. */
public class SigbusStormTest {
    @Test
    public void aProbeSurvivesAMillionSigbus() throws Exception {
        Path dir = RigRunner.tempDir("storm");
        RigRunner.Outcome o = RigRunner.rig(dir, "run", "--device", "sim", "--suite", "selftest-sigbus", "--out",
                dir.toString());
        assertEquals(o.exit(), 0, o.out() + o.err());
        TestResult t = o.results().tests().getFirst();
        assertEquals(t.status(), TestStatus.PASS);
        assertTrue(t.counters().get("sigbus") >= 1_000_000, "sigbus taken: " + t.counters());
        assertEquals(successes(t), 0, "no access may succeed on a revoked BAR");
    }

    private static long successes(TestResult t) {
        return t.latencies().stream().filter(h -> h.metric().equals("fault_latency") || h.metric().equals("steady_latency"))
                .mapToLong(h -> h.count()).sum();
    }
}
