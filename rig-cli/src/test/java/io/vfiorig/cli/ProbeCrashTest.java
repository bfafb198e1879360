package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.InfraError;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testng.annotations.Test;

/**
 * The probe JVM aborts on purpose (a SIGBUS on a C2 sign-extending load): the run ends with an
 * infrastructure error naming the crash, and every result reported before it is in results.json.
 */
public class ProbeCrashTest {
    @Test
    public void aProbeCrashIsAnInfrastructureErrorAndEarlierResultsAreKept() throws Exception {
        Path dir = RigRunner.tempDir("crash");
        RigRunner.Outcome o = RigRunner.rig(dir, "run", "--device", "sim", "--suite", "selftest-crash", "--out",
                dir.toString());
        assertEquals(o.exit(), 2, o.out() + o.err());
        RunResults r = o.results();
        assertEquals(r.status(), "infrastructure-error");
        assertEquals(r.tests().stream().map(t -> t.test()).toList(),
                java.util.List.of("ReadWriteTest.readWrite", "FaultHammerTest.faultHammer"));
        assertTrue(r.tests().stream().allMatch(t -> t.status() == TestStatus.PASS));
        InfraError crash = r.infrastructureErrors().getFirst();
        assertEquals(crash.kind(), "probe-crash", crash.toString());
        assertEquals(crash.duringTest(), "ProbeCrashCanaryTest.abortProbeOnSignExtendingLoad");
        assertTrue(crash.message().contains("Internal Error") || crash.message().contains("SIGBUS"), crash.message());
        assertTrue(Files.exists(Path.of(crash.artifact())), "hs_err file " + crash.artifact());
        assertTrue(o.out().contains("INFRA probe-crash"), o.out());
    }
}
