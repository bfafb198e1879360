package io.vfiorig.agent.engine;

import io.vfiorig.agent.access.DeviceAccess;
import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.device.FaultExpectation;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.agent.invariant.InvariantLedger;
import io.vfiorig.vfio.ffm.Libc;
import java.lang.foreign.MemorySegment;

/**
 * Measures the fault order: zap a region, touch every 4 KiB page of it from one thread, and count
 * that thread's minor faults with {@code getrusage(RUSAGE_THREAD)}. One fault per 2 MiB means a
 * huge (PMD) mapping; 512 mean 4 KiB PTEs.
 */
public final class FaultSizeProbe {
    /** Faults at or below this per 2 MiB count as a huge mapping (slack for the thread's own stack/heap faults). */
    private static final long HUGE_MAX = 16;

    /** What one measurement saw. */
    public record Measurement(long faults, long pages, boolean huge, long nanos) {}

    private FaultSizeProbe() {}

    public static Measurement measure(Bar bar, FaultExpectation expect) {
        MemorySegment region = bar.memory().asSlice(expect.regionOffset(), expect.regionLength());
        Libc.madvise(region, expect.regionLength(), Libc.MADV_DONTNEED);
        return touch(bar, expect);
    }

    /** Touches the region of a mapping that has no page table entries yet (a fresh mmap), counting faults. */
    public static Measurement firstTouch(Bar bar, FaultExpectation expect) {
        return touch(bar, expect);
    }

    /** Like {@link #measure(Bar, FaultExpectation)}, zapping through the device (vfio BARs refuse MADV_DONTNEED). */
    public static Measurement measure(DeviceUnderTest device, Bar bar, FaultExpectation expect) {
        device.zap(bar, expect.regionOffset(), expect.regionLength());
        return touch(bar, expect);
    }

    private static Measurement touch(Bar bar, FaultExpectation expect) {
        long pages = expect.regionLength() / Bar.PAGE;
        long t0 = System.nanoTime();
        long before = Libc.getrusage(Libc.RUSAGE_THREAD).minorFaults();
        for (long p = 0; p < pages; p++) {
            long off = expect.regionOffset() + p * Bar.PAGE;
            if (expect.writeTouch()) {
                DeviceAccess.write32(bar.memory(), off, DeviceProfile.patternWord(off));
            } else {
                DeviceAccess.read32(bar.memory(), off);
            }
        }
        long faults = Libc.getrusage(Libc.RUSAGE_THREAD).minorFaults() - before;
        long nanos = System.nanoTime() - t0;
        long perPmd = Math.max(1, expect.regionLength() / FaultExpectation.PMD);
        return new Measurement(faults, pages, faults <= HUGE_MAX * perPmd && pages > HUGE_MAX * perPmd, nanos);
    }

    /** Measures {@code rounds} times and records the verdict in the ledger. */
    public static Measurement check(Bar bar, FaultExpectation expect, int rounds, InvariantLedger ledger) {
        return check(null, bar, expect, rounds, ledger);
    }

    /** Measures {@code rounds} times, zapping through {@code device} (null: MADV_DONTNEED), and records the verdict. */
    public static Measurement check(DeviceUnderTest device, Bar bar, FaultExpectation expect, int rounds,
            InvariantLedger ledger) {
        Measurement last = null;
        for (int i = 0; i < rounds; i++) {
            last = device == null ? measure(bar, expect) : measure(device, bar, expect);
            boolean orderOk = expect.huge() == last.huge();
            boolean countOk = expect.huge() || last.faults() >= expect.expectedFaults();
            if (!orderOk || !countOk) {
                ledger.violate(Invariant.FAULT_SIZE, Evidence.at(System.nanoTime(), expect.regionOffset(),
                        last.faults(), "touching " + last.pages() + " pages at 0x"
                                + Long.toHexString(expect.regionOffset()) + " took " + last.faults()
                                + " faults; expected " + expect.expectedFaults() + " (" + expect.order() + "; "
                                + expect.reason() + ")"));
                return last;
            }
        }
        ledger.exercised(Invariant.FAULT_SIZE, rounds + " round(s): " + last.faults() + " faults for "
                + last.pages() + " pages = " + expect.order() + " as expected (" + expect.reason() + ")");
        return last;
    }
}
