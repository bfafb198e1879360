package io.vfiorig.agent.scenario;

import io.vfiorig.agent.device.Bar;
import io.vfiorig.agent.device.DeviceProfile;
import io.vfiorig.agent.device.DeviceUnderTest;
import io.vfiorig.agent.device.vfio.DmaBufCalls;
import io.vfiorig.agent.device.vfio.DmaBufCalls.Answer;
import io.vfiorig.agent.device.vfio.DmaBufCalls.Mapping;
import io.vfiorig.agent.device.vfio.DmaBufKernel;
import io.vfiorig.agent.device.vfio.VfioDevice;
import io.vfiorig.vfio.ffm.Errno;
import io.vfiorig.vfio.ffm.Libc;
import io.vfiorig.vfio.uapi.DmaBufFeature;
import io.vfiorig.vfio.uapi.DmaRange;
import io.vfiorig.vfio.uapi.VfioConst;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The rows of the DMABUF-mmap series table (reference section 5, docs/vfio-series.md), one scenario
 * each. Every row runs on any kernel and asks {@link DmaBufKernel} which answer that kernel owes:
 * with the series, DMA_BUF export without it (Debian 7.3), or no DMA_BUF (6.12). A row whose feature
 * the kernel lacks is a skip naming the kernel release and the errno it answered — and fails instead
 * if the kernel answered anything else.
 */
public final class DmaBufScenarios {
    /** Every row exports the first page of the primary BAR. */
    static final long PAGE = Bar.PAGE;

    private DmaBufScenarios() {}

    /** BAR mmap line in /proc/self/maps: {@code /dmabuf:} with the series, the vfio device file without. */
    public static ScenarioReport barMapInProcMaps(DeviceUnderTest device) {
        return row("bar-map-in-proc-maps", device, (v, rec) -> {
            String line = DmaBufCalls.mapsLine(v.primaryBar().memory().address());
            String cdev = v.describe().get("vfio.cdev");
            boolean dmabuf = line.contains("/dmabuf:");
            boolean deviceFile = line.contains("[vfio-device]") || (cdev != null && line.endsWith(cdev));
            DmaBufKernel k = DmaBufKernel.of(v);
            rec.step("maps-line", k.hasSeries() ? dmabuf : deviceFile && !dmabuf, line.isEmpty() ? "no line" : line,
                    k.hasSeries() ? "a /dmabuf: name" : "the vfio device file (anon_inode:[vfio-device] or the cdev)");
        });
    }

    /** Clear PCI_COMMAND.MEMORY → the BAR mapping SIGBUSes; set it again → it reads again. Every kernel. */
    public static ScenarioReport memoryOffOn(DeviceUnderTest device) {
        return row("memory-off-on", device, (v, rec) -> {
            Bar bar = v.primaryBar();
            int before = DeviceAccessOnce.readOrThrow(bar, 0);
            v.revoke();
            OptionalInt off = StepRecorder.read(bar.memory(), 0);
            v.restore();
            OptionalInt on = StepRecorder.read(bar.memory(), 0);
            rec.step("read-while-off", off.isEmpty(), StepRecorder.show(off), "SIGBUS");
            rec.step("read-after-on", on.isPresent() && on.getAsInt() == before, StepRecorder.show(on),
                    String.format("0x%08x", before));
        });
    }

    /**
     * DMA_BUF (11) GET of the primary BAR's first page returns a dma-buf fd; malformed requests get
     * the documented errnos. Runs (not skips) on every kernel with DMA_BUF, e.g. Debian 7.3.
     */
    public static ScenarioReport dmaBufExport(DeviceUnderTest device) {
        return row("dma-buf-export", device, (v, rec) -> {
            DmaBufKernel k = DmaBufKernel.of(v);
            Bar bar = v.primaryBar();
            Answer a = DmaBufCalls.export(v.deviceFd(), bar.index(), 0, PAGE);
            try {
                if (!k.hasExport()) {
                    if (rec.step("export", a.errno() == Errno.ENOTTY, a.describe("fd"), "ENOTTY")) {
                        rec.skip(k.describe() + ": VFIO_DEVICE_FEATURE GET|DMA_BUF(11) → " + a.describe("fd")
                                + " (" + k.why() + ")");
                    }
                    return;
                }
                if (!rec.step("export", a.ok(), a.describe("fd"), "a dma-buf fd")) {
                    return;
                }
                String target = DmaBufCalls.fdTarget(a.value());
                rec.step("fd-is-dmabuf", target.contains("dmabuf"), target, "a dmabuf file");
                int bi = bar.index();
                expectErrno(rec, "no-ranges", DmaBufCalls.exportWith(v.deviceFd(), bi, List.of(), r -> { }), Errno.EINVAL);
                expectErrno(rec, "payload-flags", DmaBufCalls.exportWith(v.deviceFd(), bi, List.of(new DmaRange(0, PAGE)),
                        r -> DmaBufFeature.setPayloadFlags(r, 1)), Errno.EINVAL);
                expectErrno(rec, "rom-region", DmaBufCalls.exportWith(v.deviceFd(), VfioConst.VFIO_PCI_ROM_REGION_INDEX,
                        List.of(new DmaRange(0, PAGE)), r -> { }), Errno.ENODEV);
                expectErrno(rec, "unaligned-length", DmaBufCalls.exportWith(v.deviceFd(), bi,
                        List.of(new DmaRange(0, 100)), r -> { }), Errno.EINVAL);
                Answer past = DmaBufCalls.exportWith(v.deviceFd(), bi, List.of(new DmaRange(bar.size(), PAGE)), r -> { });
                DmaBufCalls.close(past.ok() ? past.value() : -1);
                rec.step("past-the-bar", past.errno() == Errno.EINVAL || past.errno() == Errno.EOVERFLOW,
                        past.describe("fd"), "EINVAL or EOVERFLOW");
            } finally {
                DmaBufCalls.close(a.ok() ? a.value() : -1);
            }
        });
    }

    /** mmap of an exported dma-buf (MAP_SHARED) reads the BAR: the series; EINVAL without it. */
    public static ScenarioReport dmaBufMmap(DeviceUnderTest device) {
        return withExport("dma-buf-mmap", device, (x, rec) -> {
            x.whileMapped(rec, m -> {
                x.checkReadsLikeTheBar(rec, m, "read");
                x.checkWriteThrough(rec, m);
            });
        });
    }

    /** mmap MAP_PRIVATE, or longer than the buffer: EINVAL with and without the series. */
    public static ScenarioReport dmaBufMmapRejects(DeviceUnderTest device) {
        return withExport("dma-buf-mmap-rejects", device, (x, rec) -> {
            Mapping priv = DmaBufCalls.mmap(x.fd, PAGE, Libc.MAP_PRIVATE);
            DmaBufCalls.unmap(priv);
            rec.step("mmap-private", priv.errno() == Errno.EINVAL, priv.ok() ? "mapped" : Errno.name(priv.errno()), "EINVAL");
            Mapping longer = DmaBufCalls.mmap(x.fd, 2 * PAGE, Libc.MAP_SHARED);
            DmaBufCalls.unmap(longer);
            rec.step("mmap-longer", longer.errno() == Errno.EINVAL, longer.ok() ? "mapped" : Errno.name(longer.errno()),
                    "EINVAL");
        });
    }

    /** Memory disabled while the dma-buf is mapped: SIGBUS, and it works again after (series only). */
    public static ScenarioReport memoryOffWhileDmaBufMapped(DeviceUnderTest device) {
        return withExport("memory-off-dma-buf-mapped", device, (x, rec) -> {
            x.whileMapped(rec, m -> {
                x.v.revoke();
                OptionalInt off = StepRecorder.read(m.memory(), 0);
                x.v.restore();
                rec.step("read-while-off", off.isEmpty(), StepRecorder.show(off), "SIGBUS");
                x.checkReadsLikeTheBar(rec, m, "read-after-on");
            });
        });
    }

    /** The series' DMA_BUF_REVOKE: the dma-buf mapping SIGBUSes for good, the BAR mapping still works. ENOTTY without. */
    public static ScenarioReport dmaBufRevoke(DeviceUnderTest device) {
        return withExport("dma-buf-revoke", device, (x, rec) -> {
            if (!x.k.hasSeries()) {
                x.revoke(rec, "revoke"); // ENOTTY owed: the row skips with it
                return;
            }
            x.whileMapped(rec, m -> {
                if (!x.revoke(rec, "revoke")) {
                    return;
                }
                OptionalInt after = StepRecorder.read(m.memory(), 0);
                rec.step("read-after-revoke", after.isEmpty(), StepRecorder.show(after), "SIGBUS");
                OptionalInt bar = StepRecorder.read(x.v.primaryBar().memory(), 0);
                rec.step("bar-map-after-revoke", bar.isPresent(), StepRecorder.show(bar), "the BAR mapping still reads");
            });
        });
    }

    /** Revoking the same buffer again: EBADFD (series only). */
    public static ScenarioReport dmaBufRevokeTwice(DeviceUnderTest device) {
        return withExport("dma-buf-revoke-twice", device, (x, rec) -> {
            if (x.revoke(rec, "revoke")) {
                Answer again = DmaBufCalls.revoke(x.v.deviceFd(), x.k.series(), x.fd);
                rec.step("revoke-again", again.errno() == Errno.EBADFD, again.describe("rc"), "EBADFD");
            }
        });
    }

    /**
     * After a revoke: mmap of the buffer → ENODEV; memory off-on leaves it revoked (still SIGBUS);
     * revoking with the device fd instead of a dma-buf → EINVAL (series only).
     */
    public static ScenarioReport afterRevoke(DeviceUnderTest device) {
        return withExport("after-revoke", device, (x, rec) -> {
            if (!x.k.hasSeries()) {
                x.revoke(rec, "revoke"); // ENOTTY owed: the row skips with it
                return;
            }
            x.whileMapped(rec, m -> {
                if (!x.revoke(rec, "revoke")) {
                    return;
                }
                Mapping again = DmaBufCalls.mmap(x.fd, PAGE, Libc.MAP_SHARED);
                DmaBufCalls.unmap(again);
                rec.step("mmap-after-revoke", again.errno() == Errno.ENODEV, again.ok() ? "mapped" : Errno.name(again.errno()),
                        "ENODEV");
                x.v.revoke();
                x.v.restore();
                OptionalInt read = StepRecorder.read(m.memory(), 0);
                rec.step("read-after-memory-off-on", read.isEmpty(), StepRecorder.show(read), "SIGBUS (revoked for good)");
                int devFd = x.v.deviceFd().with("revoke with the device fd", f -> f);
                Answer wrong = DmaBufCalls.revoke(x.v.deviceFd(), x.k.series(), devFd);
                rec.step("revoke-device-fd", wrong.errno() == Errno.EINVAL, wrong.describe("rc"), "EINVAL");
            });
        });
    }

    /** The series' DMA_BUF_MEMATTR: WC works (the WC mapping reads correctly), an unknown value is ENOENT. ENOTTY without. */
    public static ScenarioReport dmaBufMemattrWc(DeviceUnderTest device) {
        return withExport("dma-buf-memattr-wc", device, (x, rec) -> {
            Answer wc = DmaBufCalls.memattr(x.v.deviceFd(), x.k.series(), x.fd, VfioConst.VFIO_DMA_BUF_MEMATTR_WC);
            if (!x.k.hasSeries()) {
                x.skipAsOwed(rec, "memattr-wc", wc, Errno.ENOTTY, "DMA_BUF_MEMATTR(" + x.k.series().memattr() + ")");
                return;
            }
            if (!rec.step("memattr-wc", wc.ok(), wc.describe("rc"), "0")) {
                return;
            }
            x.whileMapped(rec, m -> x.checkReadsLikeTheBar(rec, m, "wc-read"));
            Answer bad = DmaBufCalls.memattr(x.v.deviceFd(), x.k.series(), x.fd, 7);
            rec.step("memattr-unknown", bad.errno() == Errno.ENOENT, bad.describe("rc"), "ENOENT");
        });
    }

    /** Close every fd (device, group/container or iommufd): the BAR mapping still reads, it holds the device open. */
    public static ScenarioReport mappingHoldsDeviceOpen(DeviceUnderTest device) {
        return row("mapping-holds-device-open", device, (v, rec) -> {
            Bar bar = v.primaryBar();
            int before = DeviceAccessOnce.readOrThrow(bar, 0);
            v.releaseFds();
            OptionalInt after = StepRecorder.read(bar.memory(), 0);
            rec.step("read-after-closing-every-fd", after.isPresent() && after.getAsInt() == before, StepRecorder.show(after),
                    String.format("0x%08x", before));
        });
    }

    /** munmap the BARs after closing every fd (the device closes): the exported dma-buf mapping SIGBUSes (series only). */
    public static ScenarioReport deviceCloseRevokesExports(DeviceUnderTest device) {
        return withExport("device-close-revokes-exports", device, (x, rec) -> {
            x.whileMapped(rec, m -> {
                x.checkReadsLikeTheBar(rec, m, "read-before-close");
                x.v.releaseFds();
                x.v.unmapBars();
                OptionalInt after = StepRecorder.read(m.memory(), 0);
                rec.step("read-after-device-close", after.isEmpty(), StepRecorder.show(after), "SIGBUS");
            });
        });
    }

    // ------------------------------------------------------------------ shared steps

    /** An exported dma-buf of the primary BAR's first page, and the steps rows share. */
    private static final class Export {
        final VfioDevice v;
        final DmaBufKernel k;
        final int fd;

        Export(VfioDevice v, DmaBufKernel k, int fd) {
            this.v = v;
            this.k = k;
            this.fd = fd;
        }

        /** Runs {@code body} on a MAP_SHARED mapping of the dma-buf, then unmaps it; nothing when {@link #mapShared} gives none. */
        void whileMapped(StepRecorder rec, Consumer<Mapping> body) {
            Mapping m = mapShared(rec);
            if (m == null) {
                return;
            }
            try {
                body.accept(m);
            } finally {
                DmaBufCalls.unmap(m);
            }
        }

        /** MAP_SHARED of the dma-buf: the series owes a mapping, others EINVAL (then the row skips). */
        private Mapping mapShared(StepRecorder rec) {
            Mapping m = DmaBufCalls.mmap(fd, PAGE, Libc.MAP_SHARED);
            String measured = m.ok() ? "mapped" : Errno.name(m.errno());
            if (k.hasSeries()) {
                if (!rec.step("mmap", m.ok(), measured, "a mapping")) {
                    return null;
                }
                rec.fact("dma-buf.maps_line", DmaBufCalls.mapsLine(m.memory().address()));
                return m;
            }
            DmaBufCalls.unmap(m);
            if (rec.step("mmap", m.errno() == Errno.EINVAL, measured, "EINVAL")) {
                rec.skip(k.describe() + ": mmap of a dma-buf → " + measured + " (no dma-buf mmap without the"
                        + " DMABUF-mmap series; " + k.why() + ")");
            }
            return null;
        }

        /** The series' revoke; without the series its ENOTTY makes the row a skip. */
        boolean revoke(StepRecorder rec, String step) {
            Answer a = DmaBufCalls.revoke(v.deviceFd(), k.series(), fd);
            if (!k.hasSeries()) {
                skipAsOwed(rec, step, a, Errno.ENOTTY, "DMA_BUF_REVOKE(" + k.series().revoke() + ")");
                return false;
            }
            return rec.step(step, a.ok(), a.describe("rc"), "0");
        }

        void skipAsOwed(StepRecorder rec, String step, Answer a, int owed, String feature) {
            if (rec.step(step, a.errno() == owed, a.describe("rc"), Errno.name(owed))) {
                rec.skip(k.describe() + ": VFIO_DEVICE_FEATURE SET|" + feature + " → " + a.describe("rc") + " ("
                        + k.why() + ")");
            }
        }

        /** The dma-buf mapping reads what the BAR mapping reads at offset 0. */
        void checkReadsLikeTheBar(StepRecorder rec, Mapping m, String step) {
            OptionalInt want = StepRecorder.read(v.primaryBar().memory(), 0);
            OptionalInt got = StepRecorder.read(m.memory(), 0);
            rec.step(step, got.isPresent() && got.equals(want), StepRecorder.show(got), "the BAR's " + StepRecorder.show(want));
        }

        /** A write through the dma-buf reaches the device: edu's liveness register inverts; RAM shows it in the BAR. */
        void checkWriteThrough(StepRecorder rec, Mapping m) {
            DeviceProfile p = v.profile();
            if (p.livenessOffset() >= 0 && p.livenessOffset() + 4 <= PAGE) {
                int probe = 0x12345678;
                StepRecorder.write(m.memory(), p.livenessOffset(), probe);
                OptionalInt back = StepRecorder.read(m.memory(), p.livenessOffset());
                rec.step("liveness", back.isPresent() && back.getAsInt() == ~probe, StepRecorder.show(back),
                        String.format("0x%08x", ~probe));
            } else if (p.ramLike()) {
                int word = 0x5eed0000 | (int) (System.nanoTime() & 0xffff);
                StepRecorder.write(m.memory(), 64, word);
                OptionalInt bar = StepRecorder.read(v.primaryBar().memory(), 64);
                rec.step("write-through", bar.isPresent() && bar.getAsInt() == word, StepRecorder.show(bar),
                        String.format("0x%08x in the BAR mapping", word));
            }
        }
    }

    private static void expectErrno(StepRecorder rec, String step, Answer a, int owed) {
        DmaBufCalls.close(a.ok() ? a.value() : -1);
        rec.step(step, a.errno() == owed, a.describe("fd"), Errno.name(owed));
    }

    /** A row on a vfio device, with the kernel's column in the facts; other backends skip with the reason. */
    private static ScenarioReport row(String phase, DeviceUnderTest device, BiConsumer<VfioDevice, StepRecorder> body) {
        return StepRecorder.onVfio(phase, device, "has no VFIO device features (DMA_BUF, the DMABUF-mmap series):"
                + " this row runs on vfio and vm devices", (v, rec) -> {
                    DmaBufKernel k = DmaBufKernel.of(v);
                    rec.fact("dma-buf.kernel", k.describe());
                    rec.fact("dma-buf.series_features", k.series().describe());
                    body.accept(v, rec);
                });
    }

    /** A row that needs an exported dma-buf; kernels without DMA_BUF skip with the export's errno. */
    private static ScenarioReport withExport(String phase, DeviceUnderTest device, BiConsumer<Export, StepRecorder> body) {
        return row(phase, device, (v, rec) -> {
            DmaBufKernel k = DmaBufKernel.of(v);
            Answer a = DmaBufCalls.export(v.deviceFd(), v.primaryBar().index(), 0, PAGE);
            if (!a.ok()) {
                if (!k.hasExport()) {
                    rec.step("export", a.errno() == Errno.ENOTTY, a.describe("fd"), "ENOTTY");
                    rec.skip(k.describe() + ": no dma-buf to test, VFIO_DEVICE_FEATURE GET|DMA_BUF(11) → "
                            + a.describe("fd") + " (" + k.why() + ")");
                } else {
                    rec.step("export", false, a.describe("fd"), "a dma-buf fd");
                }
                return;
            }
            rec.fact("dma-buf.fd", DmaBufCalls.fdTarget(a.value()));
            try {
                body.accept(new Export(v, k, a.value()), rec);
            } finally {
                DmaBufCalls.close(a.value());
            }
        });
    }

    /** A read that must work (the device was just opened and enabled). */
    private static final class DeviceAccessOnce {
        static int readOrThrow(Bar bar, long offset) {
            OptionalInt v = StepRecorder.read(bar.memory(), offset);
            if (v.isEmpty()) {
                throw new IllegalStateException("SIGBUS reading BAR" + bar.index() + " of a freshly opened, enabled device");
            }
            return v.getAsInt();
        }
    }
}
