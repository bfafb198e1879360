package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

/**
 * The classifier on kernel report texts in the form 7.x prints them (resources {@code kmsg/*.txt}:
 * one kmsg record per line, as {@link KernelLogWatcher} hands them over).
 */
public class KernelLogPatternsTest {
    @Test
    public void eachKindOfKernelReportIsNamed() {
        assertEquals(kind("WARNING: CPU: 0 PID: 812 at drivers/vfio/pci/vfio_pci_core.c:1720 vfio_pci_mmap_huge_fault+0x1a/0x2b0"), "warn");
        assertEquals(kind("BUG: kernel NULL pointer dereference, address: 0000000000000008"), "bug");
        assertEquals(kind("kernel BUG at mm/memory.c:2417!"), "bug");
        assertEquals(kind("UBSAN: array-index-out-of-bounds in drivers/vfio/pci/vfio_pci_core.c:1790:20"), "bug");
        assertEquals(kind("Oops: general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] SMP"), "oops");
        assertEquals(kind("WARNING: possible circular locking dependency detected"), "lockdep");
        assertEquals(kind("WARNING: possible recursive locking detected"), "lockdep");
        assertEquals(kind("WARNING: inconsistent lock state"), "lockdep");
        assertEquals(kind("WARNING: suspicious RCU usage"), "lockdep");
        assertEquals(kind("BUG: sleeping function called from invalid context at kernel/locking/rwsem.c:1578"), "sleep-in-atomic");
        assertEquals(kind("BUG: scheduling while atomic: java/214/0x00000002"), "sleep-in-atomic");
        assertEquals(kind("INFO: task java:812 blocked for more than 30 seconds."), "hung-task");
        assertEquals(kind("watchdog: BUG: soft lockup - CPU#0 stuck for 26s! [java:812]"), "soft-lockup");
        assertEquals(kind("rcu: INFO: rcu_preempt self-detected stall on CPU"), "rcu-stall");
        assertEquals(kind("rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:"), "rcu-stall");
    }

    @Test
    public void bootNoiseDebugPrintsAndSysrqDumpsAreNotFindings() throws IOException {
        List<String> noise = resource("noise.txt");
        for (String line : noise) {
            assertEquals(KernelLogPatterns.classify(line), Optional.empty(), line);
        }
        assertEquals(KernelLogPatterns.scan(noise), List.of());
    }

    @Test
    public void aLockdepSplatIsOneFindingFromItsRuleToTheEndOfItsStack() throws IOException {
        List<String> log = resource("lockdep-circular.txt");
        List<KernelLogFinding> f = KernelLogPatterns.scan(log);
        assertEquals(f.size(), 1, f.toString());
        KernelLogFinding splat = f.getFirst();
        assertEquals(splat.kind(), "lockdep");
        assertEquals(splat.line(), "WARNING: possible circular locking dependency detected");
        assertTrue(splat.excerpt().getFirst().startsWith("======"), "the rule above the headline: " + splat.excerpt().getFirst());
        assertEquals(splat.excerpt().getLast().strip(), "</TASK>", "ends with the stack: " + splat.excerpt().getLast());
        String text = splat.text();
        for (String part : List.of("java/214 is trying to acquire lock:", "-> #1 (&mm->mmap_lock)", "*** DEADLOCK ***",
                "stack backtrace:", " vfio_pci_mmap_huge_fault+0x4f/0x2b0\n __handle_mm_fault")) {
            assertTrue(text.contains(part), part + " in\n" + text);
        }
        assertEquals(splat.excerpt().size(), log.size() - 3, "everything but the lines before and after the splat");
    }

    @Test
    public void aWarnAndAHungTaskAreSeparateBlocksEachWithItsStack() throws IOException {
        List<KernelLogFinding> f = KernelLogPatterns.scan(resource("warn-then-hung-task.txt"));
        assertEquals(f.stream().map(KernelLogFinding::kind).toList(), List.of("warn", "hung-task"), f.toString());
        KernelLogFinding warn = f.get(0);
        assertTrue(warn.line().startsWith("WARNING: CPU: 0 PID: 812"), warn.line());
        assertEquals(warn.excerpt().getFirst(), "------------[ cut here ]------------");
        assertTrue(warn.text().contains("Call Trace:\n <TASK>\n __handle_mm_fault"), warn.text());
        assertTrue(warn.excerpt().getLast().startsWith("---[ end trace"), "through the end-of-trace line: " + warn.excerpt());
        KernelLogFinding hung = f.get(1);
        assertEquals(hung.line(), "INFO: task sh:231 blocked for more than 2 seconds.");
        assertTrue(hung.text().contains(" vfio_unregister_group_dev+0x9c/0x110\n"), hung.text());
        assertEquals(hung.excerpt().getLast().strip(), "</TASK>");
        assertTrue(hung.excerpt().stream().noneMatch(l -> l.contains("Relaying device request")), "stops at its stack's end");
    }

    @Test
    public void softLockupInIrqContextAndRcuStallEndAtTheTaskStack() throws IOException {
        List<KernelLogFinding> f = KernelLogPatterns.scan(resource("atomic-sleep-softlockup-rcu.txt"));
        assertEquals(f.stream().map(KernelLogFinding::kind).toList(), List.of("sleep-in-atomic", "soft-lockup", "rcu-stall"));
        assertTrue(f.get(0).text().contains("Preemption disabled at:"), f.get(0).text());
        assertTrue(f.get(1).text().contains(" </IRQ>\n <TASK>\n __handle_mm_fault"), "past the IRQ stack: " + f.get(1).text());
        assertTrue(f.get(2).text().contains("NMI backtrace for cpu 0"), f.get(2).text());
        assertTrue(f.get(2).excerpt().stream().noneMatch(l -> l.contains("crng")), f.get(2).text());
    }

    @Test
    public void aReportWithoutAnEndIsBoundedInLinesAndCharacters() {
        List<String> log = new ArrayList<>(List.of("BUG: unable to handle page fault for address: ffff"));
        for (int i = 0; i < 1000; i++) {
            log.add(" frame " + i);
        }
        KernelLogFinding f = KernelLogPatterns.scan(log).getFirst();
        assertEquals(f.excerpt().size(), KernelLogPatterns.EXCERPT_LINES);
        List<String> wide = new ArrayList<>(List.of("BUG: unable to handle page fault for address: ffff"));
        for (int i = 0; i < 100; i++) {
            wide.add("x".repeat(500));
        }
        KernelLogFinding w = KernelLogPatterns.scan(wide).getFirst();
        assertTrue(w.text().length() < KernelLogPatterns.EXCERPT_CHARS + 200, "chars: " + w.text().length());
        assertTrue(w.excerpt().getLast().startsWith("... ("), w.excerpt().getLast());
    }

    @Test
    public void kmsgRecordsAreTheKernelsLinesOnly() {
        assertEquals(KernelLogWatcher.kernelLines("4,812,5140900,-;WARNING: CPU: 0 PID: 1 at x\n SUBSYSTEM=pci\n DEVICE=+pci:0000:01:00.0\n"),
                List.of("WARNING: CPU: 0 PID: 1 at x"));
        assertEquals(KernelLogWatcher.kernelLines("6,13,0,-,caller=T1;a\\x0ab\\x5cc"), List.of("a", "b\\c"),
                "one printk with newlines is several lines; kmsg's escapes undone");
        assertEquals(KernelLogWatcher.kernelLines("12,815,5140900,-;WARNING: injected by a daemon"), List.of(),
                "user space's records (facility LOG_USER) are not the kernel's voice");
        assertEquals(KernelLogWatcher.kernelLines("garbage"), List.of());
    }

    private static String kind(String line) {
        return KernelLogPatterns.classify(line).orElse("none");
    }

    private static List<String> resource(String name) throws IOException {
        try (InputStream in = KernelLogPatternsTest.class.getResourceAsStream("/kmsg/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
