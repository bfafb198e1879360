package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/** Each injected kernel bug class makes the smoke suite fail and name the broken invariant. */
public class BugDetectionTest {
    @DataProvider
    public Object[][] bugs() {
        return new Object[][] {
            {"stale-mapping", "no-access-while-revoked"},
            {"no-recovery", "access-restored-after-restore"},
            {"corrupt-after-restore", "data-correct-after-restore"},
            {"revoke-hang", "no-stuck-thread"},
            {"slow-fault", "fault-latency-within-bound"},
        };
    }

    @Test(dataProvider = "bugs")
    public void smokeSuiteNamesTheBrokenInvariant(String bug, String invariant) throws Exception {
        Path dir = RigRunner.tempDir(bug);
        RigRunner.Outcome o = RigRunner.rig(dir, "run", "--device", "sim:bug=" + bug, "--suite", "smoke",
                "--out", dir.toString());
        assertEquals(o.exit(), 1, "violations must exit 1; stderr:\n" + o.err());
        RunResults r = o.results();
        List<TestResult> failed = r.tests().stream().filter(t -> t.status() == TestStatus.FAIL).toList();
        assertTrue(!failed.isEmpty(), "no failed test for " + bug);
        assertTrue(failed.stream().allMatch(t -> t.brokenInvariants().contains(invariant)),
                bug + ": every failed test must name " + invariant + ": "
                        + failed.stream().map(t -> t.test() + "=" + t.brokenInvariants()).toList());
        assertTrue(o.out().contains(invariant), "summary table must name " + invariant + ":\n" + o.out());
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertTrue(junit.contains(invariant), "junit.xml must name the invariant");
        String ktap = Files.readString(dir.resolve("results.ktap"));
        assertTrue(ktap.contains("not ok") && ktap.contains(invariant), ktap);
    }
}
