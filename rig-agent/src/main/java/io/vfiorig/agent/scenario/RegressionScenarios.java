package io.vfiorig.agent.scenario;

import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.device.FaultExpectation;
import io.vfiorig.agent.device.vfio.HugeFaultLog;
import io.vfiorig.agent.device.vfio.ThpMode;
import io.vfiorig.agent.device.vfio.VfioDevice;
import io.vfiorig.agent.device.vfio.VfioFaultExpectation;
import io.vfiorig.agent.engine.Disruptors;
import io.vfiorig.agent.engine.FaultSizeProbe;
import io.vfiorig.agent.engine.HammerConfig;
import io.vfiorig.agent.engine.StuckThreadReport;
import io.vfiorig.agent.invariant.Evidence;
import io.vfiorig.agent.invariant.Invariant;
import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.ffm.Mappings;
import io.vfiorig.vfio.ffm.NativeCallException;
import io.vfiorig.vfio.uapi.HotResetInfo;
import io.vfiorig.vfio.uapi.PciDependentDevice;
import io.vfiorig.vfio.uapi.VfioConst;
import io.vfiorig.vfio.uapi.VfioIoctl;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The past vfio-pci regressions of reference section 3, each as a test that can fail on a kernel
 * that has the bug again: misaligned huge PFNs, pread/pwrite into the device's own BAR mapping,
 * hot reset with an unopened member, and the huge-fault order under each THP mode (cross-checked
 * against the kernel's own debug prints on a debug kernel).
 */
public final class RegressionScenarios {
    private static final long PMD = FaultExpectation.PMD;
    private static final long PAGE = Bar.PAGE;
    private static final Duration WATCHDOG = Duration.ofSeconds(20);

    private RegressionScenarios() {}

    /**
     * A 2 MiB-aligned VA over a BAR offset that is 4 KiB past a 2 MiB boundary: the PFN is misaligned,
     * so the kernel must fall back to 4 KiB pages (the 6.12 huge_fault mapped the wrong PFNs; fixed by
     * "vfio/pci: Fallback huge faults for unaligned pfn") and the mapping must read the BAR's data.
     */
    public static ScenarioReport misalignedHugePfn(DeviceUnderTest device) {
        return vfioRow("misaligned-huge-pfn", device, (v, rec) -> {
            Bar bar = v.primaryBar();
            if (bar.size() < 2 * PMD) {
                rec.skip("BAR" + bar.index() + " of " + v.bdf() + " is " + bar.size() / 1024
                        + " KiB: a misaligned huge PFN needs a BAR of at least 4 MiB (e.g. vm:ivshmem:16M)");
                return;
            }
            ThpMode thp = ThpMode.current();
            boolean hugeKernel = VfioFaultExpectation.kernelHasHugePfnmap(v.kernelRelease(), System.getProperty("os.arch"));
            rec.fact("thp", thp.id());
            long fileOffset = v.regionOffset(bar.index()) + PAGE;
            MemorySegment map = Mappings.mapAligned(PMD, PMD, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED,
                    v.deviceFd().with("map BAR" + bar.index() + " at +4 KiB", f -> f), fileOffset);
            try {
                Libc.madvise(map, PMD, Libc.MADV_HUGEPAGE);
                boolean ram = v.profile().ramLike();
                if (ram) { // a pattern the wrong PFN cannot show: each page's own offset in the BAR
                    for (long p = 0; p < PMD; p += PAGE) {
                        StepRecorder.write(bar.memory(), PAGE + p, DeviceProfile.patternWord(PAGE + p) ^ 0x0f0f);
                    }
                }
                FaultSizeProbe.Measurement m = FaultSizeProbe.firstTouch(new Bar(bar.index(), map, PMD),
                        new FaultExpectation(0, PMD, false, false, "PFN misaligned by 4 KiB"));
                rec.count("faults", m.faults());
                rec.count("pages", m.pages());
                String why = "VA 2 MiB-aligned, BAR offset 0x" + Long.toHexString(PAGE) + ", THP " + thp.id()
                        + (hugeKernel ? "" : ", kernel without vfio-pci huge_fault");
                rec.fact("fault_expectation", "4K (order 0): " + why);
                if (m.huge()) {
                    rec.ledger().violate(Invariant.FAULT_SIZE, Evidence.of(m.faults() + " faults for " + m.pages()
                            + " pages: a huge mapping of a misaligned PFN (" + why + ")"));
                } else {
                    rec.ledger().exercised(Invariant.FAULT_SIZE, m.faults() + " faults for " + m.pages()
                            + " pages: fell back to 4 KiB (" + why + ")");
                }
                long wrong = 0;
                long checked = 0;
                for (long p = 0; p < PMD; p += PAGE) {
                    OptionalInt want = ram ? OptionalInt.of(DeviceProfile.patternWord(PAGE + p) ^ 0x0f0f)
                            : StepRecorder.read(bar.memory(), PAGE + p);
                    OptionalInt got = StepRecorder.read(map, p);
                    checked++;
                    if (!got.equals(want)) {
                        if (wrong++ == 0) {
                            rec.ledger().violate(Invariant.DATA_CORRECT, Evidence.at(System.nanoTime(), p,
                                    (long) got.orElse(-1), "misaligned mapping at +0x" + Long.toHexString(p) + " reads "
                                            + StepRecorder.show(got) + ", the BAR at 0x" + Long.toHexString(PAGE + p)
                                            + " holds " + StepRecorder.show(want)));
                        }
                    }
                }
                rec.count("pages_checked", checked);
                if (wrong == 0) {
                    rec.ledger().exercised(Invariant.DATA_CORRECT, checked + " pages read the BAR's data at +4 KiB");
                }
            } finally {
                Libc.munmap(map, PMD);
            }
        });
    }

    /**
     * pread/pwrite on the device fd with the buffer inside the device's own BAR mapping, while another
     * thread toggles PCI_COMMAND.MEMORY (a writer on memory_lock between the two read locks): must not
     * deadlock ("vfio-pci: Avoid recursive read-lock usage"), and must move the right data after.
     */
    public static ScenarioReport preadIntoOwnBar(DeviceUnderTest device, Duration duration) {
        return vfioRow("pread-into-own-bar", device, (v, rec) -> {
            Bar bar = v.primaryBar();
            DeviceProfile p = v.profile();
            long src;
            long dst;
            if (p.livenessOffset() >= 0 && p.hasId()) {
                src = p.idOffset();
                dst = p.livenessOffset();
            } else if (p.ramLike()) {
                src = 2 * PAGE;
                dst = 3 * PAGE;
            } else {
                rec.skip("device " + p.model() + " has neither an ID + liveness register nor RAM: no data to move safely");
                return;
            }
            long region = v.regionOffset(bar.index());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicLong toggles = new AtomicLong();
            AtomicInteger tid = new AtomicInteger();
            Thread worker = Thread.ofPlatform().daemon().name("pread-own-bar").start(() -> {
                tid.set(Libc.gettid());
                while (!stop.get()) {
                    calls.addAndGet(2);
                    errors.addAndGet(selfCopy(v, bar, region, src, dst));
                }
            });
            Thread toggler = Thread.ofPlatform().daemon().name("memory-toggler").start(() -> {
                while (!stop.get()) {
                    v.revoke();
                    v.restore();
                    toggles.incrementAndGet();
                }
            });
            sleep(duration);
            stop.set(true);
            boolean stuck = !join(worker, WATCHDOG) | !join(toggler, WATCHDOG);
            rec.count("calls", calls.get());
            rec.count("errors_while_toggling", errors.get());
            rec.count("memory_toggles", toggles.get());
            if (stuck) {
                Thread t = worker.isAlive() ? worker : toggler;
                rec.ledger().violate(Invariant.NO_STUCK_THREAD, Evidence.of(StuckThreadReport.describe(t,
                        t == worker ? tid.get() : 0, WATCHDOG.toMillis(), "pread/pwrite into the device's own BAR mapping")));
                return; // the device cannot be trusted any more: no data check
            }
            rec.ledger().exercised(Invariant.NO_STUCK_THREAD, calls.get() + " pread/pwrite calls into the own BAR"
                    + " mapping beside " + toggles.get() + " memory toggles finished within the watchdog");
            checkSelfCopy(v, rec, bar, region, src, dst);
        });
    }

    /** One pread (BAR→its own mapping) and one pwrite (mapping→BAR); returns how many failed. */
    private static int selfCopy(VfioDevice v, Bar bar, long region, long src, long dst) {
        return v.deviceFd().with("pread/pwrite into the own BAR", fd -> {
            int failed = 0;
            try {
                Libc.pread(fd, bar.memory().asSlice(dst, 4), 4, region + src);
            } catch (NativeCallException e) {
                failed++; // EIO/EFAULT while memory is off: expected
            }
            try {
                Libc.pwrite(fd, bar.memory().asSlice(src, 4), 4, region + dst);
            } catch (NativeCallException e) {
                failed++;
            }
            return failed;
        });
    }

    /**
     * With memory on: a pread into the own RAM BAR mapping moves the right word. Register BARs are
     * not checked: copy_to_user may store byte-wise, and edu ignores accesses that are not 32-bit.
     */
    private static void checkSelfCopy(VfioDevice v, StepRecorder rec, Bar bar, long region, long src, long dst) {
        if (!v.profile().ramLike()) {
            rec.fact("self_copy", "not checked: " + v.profile().model() + " registers take 32-bit accesses only and"
                    + " copy_to_user/copy_from_user may access the mapping byte-wise");
            return;
        }
        int word = 0x600dda7a;
        StepRecorder.write(bar.memory(), src, word);
        v.deviceFd().with("pread into the own BAR", fd -> Libc.pread(fd, bar.memory().asSlice(dst, 4), 4, region + src));
        OptionalInt got = StepRecorder.read(bar.memory(), dst);
        rec.fact("self_copy", "pread BAR+0x" + Long.toHexString(src) + " into the mapping at +0x" + Long.toHexString(dst)
                + " → reads " + StepRecorder.show(got));
        if (got.isPresent() && got.getAsInt() == word) {
            rec.ledger().exercised(Invariant.DATA_CORRECT, "pread into the own mapping moved the right word");
        } else {
            rec.ledger().violate(Invariant.DATA_CORRECT, Evidence.of("pread of BAR+0x" + Long.toHexString(src)
                    + " into the own mapping: reads " + StepRecorder.show(got) + String.format(", expected 0x%08x", word)));
        }
    }

    /** VFIO_DEVICE_GET_PCI_HOT_RESET_INFO: the set the device belongs to, reported in the facts. */
    public static ScenarioReport hotResetInfo(DeviceUnderTest device) {
        return vfioRow("hot-reset-info", device, (v, rec) -> hotResetSet(v, rec));
    }

    /**
     * VFIO_DEVICE_PCI_HOT_RESET with an unopened device in the set (a NULL vconfig in the dma-buf
     * move for an unopened member; fixed with an open_count check): must succeed and leave the
     * mapping working. Skips, after a plain hot reset, when the set holds only the device itself.
     */
    public static ScenarioReport hotResetWithUnopenedMember(DeviceUnderTest device) {
        return vfioRow("hot-reset-unopened-member", device, (v, rec) -> {
            List<PciDependentDevice> set = hotResetSet(v, rec);
            if (set == null) {
                return;
            }
            String self = v.bdf();
            List<String> others = set.stream().map(PciDependentDevice::bdf).filter(b -> !b.equals(self)).toList();
            int before = StepRecorder.read(v.primaryBar().memory(), 0).orElse(-1);
            int errno;
            try {
                v.hotReset();
                errno = 0;
            } catch (NativeCallException e) {
                errno = e.errno();
            }
            rec.step("hot-reset", errno == 0, errno == 0 ? "0" : Errno.name(errno), "0");
            v.restore(); // a bus reset clears PCI_COMMAND; the rig's user turns memory decode back on
            OptionalInt after = StepRecorder.read(v.primaryBar().memory(), 0);
            boolean same = after.isPresent() && (!v.profile().hasId() || after.getAsInt() == before);
            if (same) {
                rec.ledger().exercised(Invariant.ACCESS_RESTORED, "the BAR mapping reads " + StepRecorder.show(after)
                        + " after the hot reset");
            } else {
                rec.ledger().violate(Invariant.ACCESS_RESTORED, Evidence.of("after the hot reset the BAR mapping reads "
                        + StepRecorder.show(after) + String.format(", before 0x%08x", before)));
            }
            if (others.isEmpty()) {
                rec.skip("the hot-reset set of " + self + " holds only itself (" + rec.factValue("hot_reset.members")
                        + "): no unopened member to reset with it (needs two functions behind one bridge)");
            } else {
                rec.fact("hot_reset.unopened", String.join(" ", others));
            }
        });
    }

    /**
     * VFIO_DEVICE_PCI_HOT_RESET again and again while every thread hammers the BAR (the hot-reset
     * disruptor): accesses may block or fail during a reset and must read correctly after each.
     */
    public static ScenarioReport hotResetUnderLoad(DeviceUnderTest device, HammerConfig config) {
        if (!(device instanceof VfioDevice)) {
            return ScenarioReport.skipped("backend " + device.backend() + " has no VFIO_DEVICE_PCI_HOT_RESET: run it on"
                    + " vfio:BDF or vm:DEVICE", device.describe());
        }
        return Scenarios.hammer("hot-reset-under-load", device, config,
                Disruptors.resetWith("hot-reset", Duration.ofMillis(80), d -> ((VfioDevice) d).hotReset()));
    }

    private static List<PciDependentDevice> hotResetSet(VfioDevice v, StepRecorder rec) {
        if (!v.resetMethods().contains("bus")) {
            rec.skip(v.bdf() + " has no bus reset (reset_method: " + v.resetMethods()
                    + "): VFIO_DEVICE_PCI_HOT_RESET needs one (put the device behind a pcie-root-port)");
            return null;
        }
        int capacity = 8;
        while (true) {
            int cap = capacity;
            Object r = v.deviceFd().with("VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", fd -> {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment info = HotResetInfo.allocate(arena, cap);
                    Libc.ioctl(fd, VfioIoctl.VFIO_DEVICE_GET_PCI_HOT_RESET_INFO, "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO", info);
                    return new Object[] {HotResetInfo.flags(info), HotResetInfo.devices(info)};
                } catch (NativeCallException e) {
                    return e.errno();
                }
            });
            if (r instanceof Integer errno) {
                if (errno == Errno.ENOSPC && capacity < 256) {
                    capacity *= 4;
                    continue;
                }
                rec.step("hot-reset-info", false, Errno.name(errno), "the set of devices a hot reset affects");
                return null;
            }
            Object[] a = (Object[]) r;
            int flags = (Integer) a[0];
            @SuppressWarnings("unchecked")
            List<PciDependentDevice> set = (List<PciDependentDevice>) a[1];
            String self = v.bdf();
            rec.fact("hot_reset.flags", "0x" + Integer.toHexString(flags)
                    + ((flags & VfioConst.VFIO_PCI_HOT_RESET_FLAG_DEV_ID) != 0 ? " DEV_ID" : "")
                    + ((flags & VfioConst.VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED) != 0 ? " DEV_ID_OWNED" : ""));
            rec.fact("hot_reset.members", set.stream().map(d -> d.bdf() + "(id " + d.id() + ")")
                    .collect(Collectors.joining(" ")));
            rec.count("hot_reset_members", set.size());
            rec.step("self-in-set", set.stream().anyMatch(d -> d.bdf().equals(self)), set.size() + " member(s)",
                    "the set names " + self);
            return set;
        }
    }

    /**
     * The fault order for a 2 MiB region under THP {@code always}, {@code madvise} and {@code never}
     * (switched in sysfs, the old mode put back): one PMD fault where alignment and the mode allow it,
     * 4 KiB faults otherwise.
     */
    public static ScenarioReport hugeFaultThpModes(DeviceUnderTest device) {
        return vfioRow("huge-fault-thp-modes", device, (v, rec) -> thpModes(v, rec, null));
    }

    /**
     * The same with the kernel's own record: dynamic debug on {@code vfio_pci_mmap_huge_fault}; the
     * orders measured must match what the kernel logged. Skips with the reason without dynamic debug.
     */
    public static ScenarioReport hugeFaultKernelRecord(DeviceUnderTest device) {
        return vfioRow("huge-fault-kernel-record", device, (v, rec) -> {
            if (v.primaryBar().size() < PMD) {
                rec.skip("BAR" + v.primaryBar().index() + " is smaller than 2 MiB: no huge fault to cross-check"
                        + " (use vm:ivshmem:16M)");
                return;
            }
            HugeFaultLog.Result<HugeFaultLog> log = HugeFaultLog.start();
            if (log.value().isEmpty()) {
                rec.skip("kernel " + v.kernelRelease() + ": " + log.reason());
                return;
            }
            try (HugeFaultLog l = log.value().get()) {
                thpModes(v, rec, l);
            }
        });
    }

    private static void thpModes(VfioDevice v, StepRecorder rec, HugeFaultLog log) {
        ThpMode original = ThpMode.current();
        if (original == ThpMode.UNKNOWN) {
            rec.skip("kernel " + v.kernelRelease() + " has no " + ThpMode.ENABLED + " (no CONFIG_TRANSPARENT_HUGEPAGE)");
            return;
        }
        rec.fact("thp.original", original.id());
        Bar bar = v.primaryBar();
        List<String> seen = new ArrayList<>();
        try {
            for (ThpMode mode : List.of(ThpMode.ALWAYS, ThpMode.MADVISE, ThpMode.NEVER)) {
                try {
                    ThpMode.set(mode);
                } catch (IOException e) {
                    rec.skip("cannot set " + ThpMode.ENABLED + " to " + mode.id() + ": " + e.getMessage() + " (run as root)");
                    return;
                }
                FaultExpectation expect = v.faultExpectation(bar, mode);
                FaultSizeProbe.Measurement m = FaultSizeProbe.check(v, bar, expect, 1, rec.ledger());
                rec.count("faults_" + mode.id(), m.faults());
                rec.count("expected_faults_" + mode.id(), expect.expectedFaults());
                seen.add(mode.id() + ": " + m.faults() + " faults (" + expect.order() + ")");
                if (log != null) {
                    crossCheck(v, rec, log, bar, mode, m);
                }
            }
            rec.fact("fault_orders", String.join("; ", seen));
        } finally {
            try {
                ThpMode.set(original);
            } catch (IOException e) {
                rec.fact("thp.restore_failed", e.getMessage());
            }
        }
    }

    /** What the kernel logged for this mode's touch must agree with the order measured. */
    private static void crossCheck(VfioDevice v, StepRecorder rec, HugeFaultLog log, Bar bar, ThpMode mode,
            FaultSizeProbe.Measurement m) {
        List<HugeFaultLog.Fault> faults = log.faults(v.bdf(), bar.index());
        long pmdMapped = faults.stream().filter(f -> f.order() == 9 && f.mapped()).count();
        long small = faults.stream().filter(f -> f.order() == 0).count();
        String logged = faults.size() + " line(s): " + pmdMapped + " order-9 mapped, " + small + " order-0"
                + (log.suppressed() ? " (rate-limited)" : "");
        rec.count("kernel_order9_mapped_" + mode.id(), pmdMapped);
        if (m.huge()) {
            rec.step("kernel-log-" + mode.id(), pmdMapped >= 1 || (log.suppressed() && faults.isEmpty()), logged,
                    "an order-9 fault answered 0x100 (NOPAGE) for the 1 fault measured");
        } else {
            rec.step("kernel-log-" + mode.id(), pmdMapped == 0 && (small > 0 || log.suppressed()), logged,
                    "no order-9 mapping and order-0 faults for the " + m.faults() + " faults measured");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static ScenarioReport vfioRow(String phase, DeviceUnderTest device, BiConsumer<VfioDevice, StepRecorder> body) {
        return StepRecorder.onVfio(phase, device, "is not a vfio-pci device: this regression test needs the kernel's"
                + " vfio-pci fault path (run it on vfio:BDF or vm:DEVICE)", body);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean join(Thread t, Duration d) {
        try {
            return t.join(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
