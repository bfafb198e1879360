package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.nio.file.Path;
import org.testng.annotations.Test;

/** On the correct sim, 20 consecutive smoke runs find zero violations (no false alarms). */
public class SmokeStabilityTest {
    private static final int RUNS = Integer.getInteger("rig.stability.runs", 20);

    @Test
    public void twentyConsecutiveSmokeRunsHoldEveryInvariant() throws Exception {
        for (int i = 1; i <= RUNS; i++) {
            Path dir = RigRunner.tempDir("stable-" + i);
            RigRunner.Outcome o = RigRunner.rig(dir, "run", "--device", "sim", "--suite", "smoke", "--out",
                    dir.toString());
            RunResults r = o.results();
            long violations = r.tests().stream().filter(t -> t.status() != TestStatus.PASS)
                    .peek(t -> System.err.println("run " + " " + t.test() + " " + t.status() + " " + t.message()))
                    .count();
            assertEquals(violations, 0, "run " + i + "/" + RUNS + " was not clean:\n" + o.out() + o.err());
            assertEquals(o.exit(), 0, "run " + i + " exit code; " + o.err());
            assertEquals(r.tests().size(), 6, "run " + i + ": every smoke test reported");
            for (TestResult t : r.tests()) {
                assertEquals(t.status(), TestStatus.PASS, t.test());
            }
        }
    }
}
