package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.RunResults;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

/**
 * A thread stuck inside the kernel is a finding, not an infrastructure error: the selftest-stuck
 * suite's revoke sticks in D state on the sim; the run exits 1 naming no-stuck-thread with the
 * thread's scheduler state and kernel stack, and every test also carries kernel-log-clean.
 */
public class StuckInKernelTest {
    @Test
    public void aRevokeStuckInTheKernelIsANoStuckThreadFindingWithItsKernelStack() throws Exception {
        Path dir = RigRunner.tempDir("stuck");
        RigRunner.Outcome o = RigRunner.rig(dir, "run", "--device", "sim", "--suite", "selftest-stuck", "--out",
                dir.toString());
        assertEquals(o.exit(), 1, "a finding exits 1, not 2:\n" + o.out() + o.err());
        RunResults r = o.results();
        assertEquals(r.infrastructureErrors(), List.of());
        TestResult t = r.tests().getFirst();
        assertEquals(t.status(), TestStatus.FAIL);
        assertEquals(t.brokenInvariants(), List.of("no-stuck-thread"), t.message());
        String evidence = outcome(t, "no-stuck-thread").evidence().getFirst().detail();
        assertTrue(evidence.contains("stuck for") && evidence.contains(" in revoke"), evidence);
        assertTrue(evidence.contains("\nstate: D\n"), "stuck inside the kernel:\n" + evidence);
        if (canReadKernelStacks()) {
            assertTrue(evidence.matches("(?s).*kernel stack:\n[^\n]*\\[<0>\\].*kernel_clone.*"), evidence);
        }
        InvariantOutcome kmsg = outcome(t, "kernel-log-clean");
        assertTrue(kmsg.status() == InvariantOutcome.Status.PASS && kmsg.summary().startsWith("watched ")
                || kmsg.status() == InvariantOutcome.Status.SKIP && kmsg.summary().startsWith("not watched: "),
                kmsg.toString());
    }

    private static InvariantOutcome outcome(TestResult t, String id) {
        return t.invariants().stream().filter(i -> i.invariant().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " missing: " + t.invariants()));
    }

    private static boolean canReadKernelStacks() {
        try {
            return !Files.readString(Path.of("/proc/thread-self/stack")).isBlank();
        } catch (Exception e) {
            return false;
        }
    }
}
