package io.vfiorig.agent.kernel;

import io.vfiorig.agent.device.vfio.KernelLogFinding;
import io.vfiorig.agent.device.vfio.KernelLogWatcher;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantOutcome;
import io.vfiorig.vfio.ffm.NativeCallException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code kernel-log-clean} invariant for one test: watches {@code /dev/kmsg} from the test's
 * start to its end and turns every kernel report seen meanwhile into a violation carrying the
 * report block. Any backend: the sim's memfd faults go through the host kernel, so its log is the
 * kernel-under-test's voice too. An unreadable log is a SKIP with the reason, never a PASS.
 */
public final class KernelLogCheck implements AutoCloseable {
    private static final int MAX_EVIDENCE = 5;

    private final KernelLogWatcher watcher;
    private final String unreadable;
    private InvariantOutcome outcome;

    private KernelLogCheck(KernelLogWatcher watcher, String unreadable) {
        this.watcher = watcher;
        this.unreadable = unreadable;
    }

    /** Starts watching now; never throws (an unreadable log makes {@link #finish()} a SKIP). */
    public static KernelLogCheck start() {
        try {
            return new KernelLogCheck(KernelLogWatcher.open(), "");
        } catch (NativeCallException e) {
            return new KernelLogCheck(null, KernelLogWatcher.KMSG + " is not readable (" + e.getMessage()
                    + "): run the probe as root, or set kernel.dmesg_restrict=0");
        } catch (RuntimeException | LinkageError e) {
            return new KernelLogCheck(null, "cannot watch " + KernelLogWatcher.KMSG + ": " + e);
        }
    }

    /** Stops watching and returns the verdict on what the kernel logged since {@link #start()}; idempotent. */
    public synchronized InvariantOutcome finish() {
        if (outcome == null) {
            if (watcher == null) {
                outcome = skipped(unreadable);
            } else {
                outcome = verdict(watcher.findings(), watcher.recordCount(), watcher.lostRecords());
                watcher.close();
            }
        }
        return outcome;
    }

    @Override
    public void close() {
        finish();
    }

    static InvariantOutcome skipped(String why) {
        return new InvariantOutcome(Invariant.KERNEL_LOG_CLEAN.id(), InvariantOutcome.Status.SKIP, 0,
                "not watched: " + why, List.of());
    }

    /** The verdict on the findings of one watch; pure, for tests. */
    static InvariantOutcome verdict(List<KernelLogFinding> findings, int records, long lost) {
        String id = Invariant.KERNEL_LOG_CLEAN.id();
        String lostNote = lost > 0 ? "; " + lost + " record(s) were overwritten before they were read" : "";
        if (findings.isEmpty()) {
            return new InvariantOutcome(id, InvariantOutcome.Status.PASS, 0, "watched " + records
                    + " kernel log record(s) from test start to end: no kernel report" + lostNote, List.of());
        }
        List<Evidence> evidence = findings.stream().limit(MAX_EVIDENCE)
                .map(f -> new Evidence(0, "kernel", -1, null, f.text())).toList();
        String summary = findings.size() + " kernel report(s) while the test ran: " + findings.stream()
                .map(f -> f.kind() + ": " + f.line()).collect(Collectors.joining("; ")) + lostNote;
        return new InvariantOutcome(id, InvariantOutcome.Status.FAIL, findings.size(), summary, evidence);
    }
}
