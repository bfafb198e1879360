package io.vfiorig.agent.kernel;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.device.vfio.KernelLogFinding;
import io.vfiorig.agent.device.vfio.KernelLogPatterns;
import io.vfiorig.agent.device.vfio.KernelLogWatcher;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class KernelLogCheckTest {
    private static final List<String> WARN = List.of("------------[ cut here ]------------",
            "WARNING: CPU: 0 PID: 812 at drivers/vfio/pci/vfio_pci_core.c:1720 vfio_pci_mmap_huge_fault+0x1a/0x2b0",
            "Call Trace:", " <TASK>", " handle_mm_fault+0x10e/0x330", " </TASK>", "---[ end trace 0000000000000000 ]---");

    @Test
    public void aKernelReportIsAViolationCarryingItsBlock() {
        List<KernelLogFinding> found = KernelLogPatterns.scan(WARN);
        InvariantOutcome o = KernelLogCheck.verdict(found, 40, 0);
        assertEquals(o.invariant(), "kernel-log-clean");
        assertEquals(o.status(), InvariantOutcome.Status.FAIL);
        assertEquals(o.violations(), 1);
        assertTrue(o.summary().startsWith("1 kernel report(s) while the test ran: warn: WARNING: CPU: 0 PID: 812"), o.summary());
        assertEquals(o.evidence().getFirst().detail(), "warn: " + String.join("\n", WARN));
    }

    @Test
    public void aCleanLogPassesSayingHowMuchWasWatchedAndWhatWasLost() {
        InvariantOutcome o = KernelLogCheck.verdict(List.of(), 12, 3);
        assertEquals(o.status(), InvariantOutcome.Status.PASS);
        assertEquals(o.summary(), "watched 12 kernel log record(s) from test start to end: no kernel report;"
                + " 3 record(s) were overwritten before they were read");
    }

    @Test
    public void theRealLogIsWatchedWhenReadableElseSkippedWithTheReason() {
        boolean readable = Files.isReadable(Path.of(KernelLogWatcher.KMSG)) && KernelLogWatcher.start().map(w -> {
            w.close();
            return true;
        }).orElse(false);
        InvariantOutcome o;
        try (KernelLogCheck check = KernelLogCheck.start()) {
            o = check.finish();
            assertEquals(check.finish(), o, "idempotent");
        }
        if (readable) {
            assertEquals(o.status(), InvariantOutcome.Status.PASS, o.summary()); // this host's kernel stays quiet for a moment
        } else {
            assertEquals(o.status(), InvariantOutcome.Status.SKIP);
            assertTrue(o.summary().startsWith("not watched: /dev/kmsg is not readable ("), o.summary());
        }
    }

    @Test
    public void aViolationFailsAPassedTestAndReplacesTheScenariosSkip() {
        InvariantOutcome skip = KernelLogCheck.skipped("by the scenario");
        TestResult passed = new TestResult(0, "smoke", "T.m", "sim", "sim", TestStatus.PASS, 5, "", List.of(skip),
                List.of(), Map.of(), List.of(), Map.of());
        TestResult failed = passed.withInvariant(KernelLogCheck.verdict(KernelLogPatterns.scan(WARN), 7, 0));
        assertEquals(failed.status(), TestStatus.FAIL);
        assertEquals(failed.invariants().size(), 1, "replaced, not added");
        assertEquals(failed.brokenInvariants(), List.of("kernel-log-clean"));
        assertTrue(failed.message().startsWith("broken invariants:\nkernel-log-clean: 1 kernel report(s)"), failed.message());
        TestResult clean = passed.withInvariant(KernelLogCheck.verdict(List.of(), 7, 0));
        assertEquals(clean.status(), TestStatus.PASS);
        assertEquals(clean.message(), "");
    }
}
