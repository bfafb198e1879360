package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class KernelLogPatternsTest {
    @Test
    public void eachKindOfKernelReportIsNamed() {
        assertEquals(kind("WARNING: CPU: 0 PID: 812 at drivers/vfio/pci/vfio_pci_core.c:1720 vfio_pci_mmap_huge_fault+0x1a/0x2b0"), "warn");
        assertEquals(kind("BUG: kernel NULL pointer dereference, address: 0000000000000008"), "bug");
        assertEquals(kind("kernel BUG at mm/memory.c:2417!"), "bug");
        assertEquals(kind("Oops: general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] SMP"), "oops");
        assertEquals(kind("WARNING: possible circular locking dependency detected"), "lockdep");
        assertEquals(kind("WARNING: possible recursive locking detected"), "lockdep");
        assertEquals(kind("BUG: sleeping function called from invalid context at kernel/locking/rwsem.c:1578"), "sleep-in-atomic");
        assertEquals(kind("INFO: task java:812 blocked for more than 30 seconds."), "hung-task");
        assertEquals(kind("watchdog: BUG: soft lockup - CPU#0 stuck for 26s! [java:812]"), "soft-lockup");
        assertEquals(kind("rcu: INFO: rcu_preempt self-detected stall on CPU"), "rcu-stall");
    }

    @Test
    public void ordinaryLinesAreNotFindings() {
        for (String ok : List.of("vfio-pci 0000:01:00.0: enabling device (0000 -> 0002)",
                "Bugs fixed: none", "virtio_net: WARNING level is fine in text", "random: crng init done",
                "audit: type=1400 msg=BUG-free")) {
            assertEquals(KernelLogPatterns.classify(ok), Optional.empty(), ok);
        }
    }

    @Test
    public void aWarnComesWithItsStackAndTheCutHereHeaderIsFolded() {
        List<KernelLogFinding> f = KernelLogPatterns.scan(List.of(
                "vfio-pci 0000:01:00.0: resetting",
                "------------[ cut here ]------------",
                "WARNING: CPU: 0 PID: 812 at drivers/vfio/pci/vfio_pci_core.c:1720 vfio_pci_mmap_huge_fault+0x1a/0x2b0",
                "Modules linked in:",
                "Call Trace:",
                " <TASK>",
                " handle_mm_fault+0x1b0/0x2b0",
                "---[ end trace 0000000000000000 ]---",
                "INFO: task java:813 blocked for more than 30 seconds.",
                "      Not tainted 7.3.4 #2"));
        assertEquals(f.size(), 2, f.toString());
        assertEquals(f.get(0).kind(), "warn");
        assertTrue(f.get(0).line().startsWith("WARNING: CPU: 0 PID: 812"), f.get(0).line());
        assertEquals(f.get(0).excerpt().getFirst(), "------------[ cut here ]------------");
        assertTrue(f.get(0).text().contains("Call Trace:\n <TASK>\n handle_mm_fault"), f.get(0).text());
        assertEquals(f.get(0).excerpt().size(), 7, "stops at the next finding");
        assertEquals(f.get(1).kind(), "hung-task");
        assertEquals(f.get(1).excerpt().size(), 2);
    }

    @Test
    public void theExcerptIsCapped() {
        List<String> log = new java.util.ArrayList<>(List.of("BUG: unable to handle page fault for address: ffff"));
        for (int i = 0; i < 100; i++) {
            log.add(" frame " + i);
        }
        assertEquals(KernelLogPatterns.scan(log).getFirst().excerpt().size(), KernelLogPatterns.EXCERPT_LINES);
    }

    @Test
    public void kmsgRecordsAreReducedToTheirText() {
        assertEquals(KernelLogWatcher.message("4,812,5140900,-;WARNING: CPU: 0 PID: 1 at x\n SUBSYSTEM=pci\n DEVICE=+pci:0000:01:00.0\n"),
                "WARNING: CPU: 0 PID: 1 at x");
        assertEquals(KernelLogWatcher.message("6,13,0,-,caller=T1;a\\x0ab"), "a b");
    }

    private static String kind(String line) {
        return KernelLogPatterns.classify(line).orElse("none");
    }
}
