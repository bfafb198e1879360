package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.probe.ProbeRequest;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.vm.guest.GuestProbe;
import io.vfiorig.agent.vm.VirtualHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The kernel's own voice, on the debug guest kernel (lockdep, atomic-sleep checks, hung-task
 * detection): the smoke scenarios on edu leave the kernel log clean, so
 * {@code kernel-log-clean} passes and proves the watcher runs in the guest; the
 * {@code selftest-kernel} suite makes the kernel print a real hung-task report (the test's own
 * checks pass, kernel-log-clean must fail it) and then sticks a revoke inside the kernel, which
 * must come back as a {@code no-stuck-thread} finding with the thread's kernel stack and the
 * serial console's sysrq-w dump, after which the guest is torn down (no infrastructure error).
 * One boot: the {@code selftest-kernel} suite runs the smoke scenarios first, then the canaries.
 */
public class GuestDebugKernelTest {
    static final String EDU = "vm:edu";

    private List<TestResult> smoke;
    private ProbeOutcome selftest;

    @BeforeClass
    public void runInTheDebugGuest() throws Exception {
        // One boot (CI's guest minutes are counted): the suite runs the smoke scenarios first, then the canaries.
        selftest = run("selftest-kernel", List.of(EDU), "debug-selftest");
        smoke = selftest.results().stream().filter(r -> !r.test().contains("Canary")).toList();
    }

    private static ProbeOutcome run(String suite, List<String> devices, String dir) throws IOException {
        // -Drig.vm.test-nice=0 when the machine is shared with other busy work (QEMU at nice 19 starves)
        GuestProbe probe = new GuestProbe(VmKernels.debug(), GuestProbe.currentClassPath(),
                new VirtualHost(Integer.getInteger("rig.vm.test-nice", 19)), 1);
        Path out = VmKernels.work(dir);
        long t0 = System.nanoTime();
        ProbeOutcome o = probe.run(new ProbeRequest(suite, devices, out, Duration.ofSeconds(420),
                Map.of("rig.duration.scale", "0.5")), new ProbeListener() {
                    @Override
                    public void result(TestResult r) {
                        System.out.printf("%6.1f s %s %s %s%n", (System.nanoTime() - t0) / 1e9, r.status(), r.test(), r.device());
                    }
                });
        System.out.printf("%s on the debug kernel: %d results, %s, %.1f s%n", suite, o.results().size(), o.infraErrors(),
                (System.nanoTime() - t0) / 1e9);
        return o;
    }

    @Test
    public void theSmokeSuiteLeavesTheDebugKernelsLogCleanAndTheWatcherSaysSo() {
        assertEquals(selftest.environment().kernelRelease(), "7.3.4");
        assertEquals(smoke.size(), 6, names(selftest));
        for (TestResult r : smoke) {
            assertEquals(r.status(), TestStatus.PASS, r.test() + " on " + r.device() + ": " + r.message());
            InvariantOutcome k = outcome(r, Invariant.KERNEL_LOG_CLEAN);
            assertEquals(k.status(), InvariantOutcome.Status.PASS, r.test() + ": " + k.summary());
            assertTrue(k.summary().startsWith("watched ") && k.summary().contains("from test start to end: no kernel report"),
                    k.summary());
        }
    }

    @Test
    public void aRealHungTaskReportFailsATestWhoseOwnChecksPassed() {
        TestResult r = one(selftest, "KernelReportCanaryTest.hungTaskReportWhileUnbindingAnOpenDevice");
        assertEquals(r.status(), TestStatus.FAIL, r.message());
        assertEquals(r.brokenInvariants(), List.of(Invariant.KERNEL_LOG_CLEAN.id()), "only the kernel's report: " + r.message());
        InvariantOutcome k = outcome(r, Invariant.KERNEL_LOG_CLEAN);
        assertTrue(k.summary().contains("hung-task: INFO: task sh:"), k.summary());
        String block = k.evidence().getFirst().detail();
        assertTrue(block.contains("blocked for more than 2 seconds") && block.contains("vfio_unregister_group_dev")
                && block.strip().endsWith("</TASK>"), "the whole report with its stack:\n" + block);
    }

    @Test
    public void aRevokeStuckInTheGuestKernelIsAFindingWithKernelStackAndConsoleDumpThenTeardown() {
        assertEquals(selftest.infraErrors(), List.of(), "a stuck thread is a finding, not infrastructure");
        TestResult r = one(selftest, "StuckInKernelCanaryTest.revokeStuckInTheKernel");
        assertEquals(r.status(), TestStatus.FAIL);
        assertTrue(r.brokenInvariants().contains(Invariant.NO_STUCK_THREAD.id()), r.message());
        List<String> evidence = outcome(r, Invariant.NO_STUCK_THREAD).evidence().stream().map(e -> e.detail()).toList();
        String probe = evidence.getFirst();
        assertTrue(probe.contains("\nstate: D\n") && probe.matches("(?s).*kernel stack:\n\\[<0>\\] [^\n]*\n.*kernel_clone.*"),
                "the guest probe's evidence:\n" + probe);
        assertTrue(probe.contains("sysrq-w (tasks in D state, as the kernel saw them):\nsysrq: Show Blocked State"), probe);
        String console = evidence.getLast();
        assertTrue(console.startsWith("sysrq-w on the guest's console:\n") && console.contains("sysrq: Show Blocked State")
                && console.contains("state:D") && console.contains("kernel_clone"), "the console's dump:\n" + console);
        assertTrue(r.facts().get("vm.teardown").contains("torn down"), r.facts().toString());
        assertEquals(selftest.results().getLast(), r, "nothing ran after the teardown");
    }

    private static InvariantOutcome outcome(TestResult r, Invariant inv) {
        return r.invariants().stream().filter(o -> o.invariant().equals(inv.id())).findFirst()
                .orElseThrow(() -> new AssertionError(inv.id() + " missing in " + r.test()));
    }

    private static TestResult one(ProbeOutcome o, String test) {
        return o.results().stream().filter(r -> r.test().equals(test)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + test + "; got " + names(o) + " " + o.infraErrors()));
    }

    private static String names(ProbeOutcome o) {
        return o.results().stream().map(r -> r.test() + "@" + r.device() + "=" + r.status()).collect(Collectors.joining(", "));
    }
}
