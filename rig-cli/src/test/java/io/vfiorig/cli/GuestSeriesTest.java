package io.vfiorig.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.probe.ProbeListener;
import io.vfiorig.agent.probe.ProbeOutcome;
import io.vfiorig.agent.probe.ProbeRequest;
import io.vfiorig.agent.result.TestResult;
import io.vfiorig.agent.result.TestStatus;
import io.vfiorig.agent.vm.guest.GuestProbe;
import io.vfiorig.agent.vm.GuestKernel;
import io.vfiorig.agent.vm.PackagedKernels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The vfio-series suite (DMA_BUF series table + regression tests) in one boot per kernel: the
 * shared 7.3.4 (ivshmem's 16 MiB RAM BAR, cdev API picked automatically) and Debian's packaged 7.3
 * (edu on the group API). Neither kernel has the DMABUF-mmap series, so each row must give the
 * answer a "DMA_BUF export without the series" kernel owes: the export runs (never skips), the
 * series rows skip naming the kernel release and the errno (EINVAL for dma-buf mmap, ENOTTY for
 * revoke and memattr). One known finding is pinned: 7.3.4 maps a PMD under THP "never"
 * (docs/vfio-series.md). One device per boot keeps the two boots within the CI budget.
 */
public class GuestSeriesTest {
    static final String IVSHMEM = "vm:ivshmem:16M";
    static final String EDU = "vm:edu";
    static final int SERIES_TESTS = 19;
    /** Per boot; about 2 minutes on an idle 2-core host, far more when other guests share the cores. */
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("rig.vm.series.timeout", 600));

    /** Rows whose answer is the same on both kernels and devices: status and words the message must hold. */
    static final Map<String, List<String>> SKIPS_WITHOUT_SERIES = Map.of(
            "DmaBufSeriesTest.dmaBufMmap", List.of("mmap of a dma-buf → EINVAL"),
            "DmaBufSeriesTest.memoryOffWhileDmaBufMapped", List.of("mmap of a dma-buf → EINVAL"),
            "DmaBufSeriesTest.deviceCloseRevokesExports", List.of("mmap of a dma-buf → EINVAL"),
            "DmaBufSeriesTest.dmaBufRevoke", List.of("DMA_BUF_REVOKE(14) → ENOTTY"),
            "DmaBufSeriesTest.dmaBufRevokeTwice", List.of("DMA_BUF_REVOKE(14) → ENOTTY"),
            "DmaBufSeriesTest.afterRevoke", List.of("DMA_BUF_REVOKE(14) → ENOTTY"),
            "DmaBufSeriesTest.dmaBufMemattrWc", List.of("DMA_BUF_MEMATTR(15) → ENOTTY"),
            "VfioRegressionTest.hotResetWithUnopenedMember", List.of("holds only itself"));
    static final List<String> PASSES_EVERYWHERE = List.of("DmaBufSeriesTest.barMapInProcMaps",
            "DmaBufSeriesTest.memoryOffOn", "DmaBufSeriesTest.dmaBufExport", "DmaBufSeriesTest.dmaBufMmapRejects",
            "DmaBufSeriesTest.mappingHoldsDeviceOpen", "VfioRegressionTest.preadIntoOwnBar",
            "VfioRegressionTest.hotResetInfo", "VfioRegressionTest.hotResetUnderLoad");
    /** The one result allowed to fail: the THP "never" finding on 7.3.4's 16 MiB RAM BAR. */
    static final String THP_MODES = "VfioRegressionTest.hugeFaultThpModes";

    private ProbeOutcome shared;
    private ProbeOutcome debian;

    @BeforeClass
    public void runTheSuiteOnBothKernels() throws Exception {
        shared = run(VmKernels.shared(), List.of(IVSHMEM), "series-7.3.4");
        GuestKernel packaged = PackagedKernels.fetch(System.getProperty("rig.vm.packaged", "7.3"),
                Path.of(System.getProperty("rig.vm.cache", PackagedKernels.defaultCacheDir().toString())));
        debian = run(packaged, List.of(EDU), "series-debian");
    }

    private static ProbeOutcome run(GuestKernel kernel, List<String> devices, String name) throws Exception {
        Path out = VmKernels.work(name);
        long t0 = System.nanoTime();
        ProbeOutcome o = new GuestProbe(kernel, GuestProbe.currentClassPath()).run(new ProbeRequest("vfio-series", devices, out,
                TIMEOUT, Map.of("rig.duration.scale", "0.3")), new ProbeListener() {
                    @Override
                    public void result(TestResult r) {
                        System.out.printf("%6.1f s %s %s %s %s%n", (System.nanoTime() - t0) / 1e9, r.status(), r.test(),
                                r.device(), r.message());
                    }
                });
        System.out.printf("%s on %s: %d results, %s, %.1f s%n", name, kernel.release(), o.results().size(),
                o.infraErrors(), (System.nanoTime() - t0) / 1e9);
        return o;
    }

    @Test
    public void bothKernelsRanTheWholeSuiteWithoutInfrastructureErrorsOrFailures() {
        for (ProbeOutcome o : List.of(shared, debian)) {
            assertEquals(o.infraErrors(), List.of());
            assertEquals(o.exitCode(), 0, names(o));
            assertEquals(o.results().size(), SERIES_TESTS, names(o));
            for (TestResult r : o.results()) {
                if (o == shared && r.test().equals(THP_MODES)) {
                    continue; // the pinned finding, checked below
                }
                assertTrue(r.status() == TestStatus.PASS || r.status() == TestStatus.SKIP,
                        r.test() + " on " + r.device() + ": " + r.status() + " " + r.message());
            }
        }
    }

    @Test
    public void theDmaBufExportRunsAndPassesOnDebian73() {
        TestResult r = one(debian, EDU, "DmaBufSeriesTest.dmaBufExport");
        assertEquals(r.status(), TestStatus.PASS, r.message());
        assertTrue(r.facts().get("step.fd-is-dmabuf").contains("dmabuf"), r.facts().toString());
        assertEquals(r.facts().get("step.rom-region"), "ENODEV");
        assertEquals(r.facts().get("step.no-ranges"), "EINVAL");
        assertTrue(r.facts().get("kernel").startsWith("7.3"), r.facts().get("kernel"));
        assertTrue(r.facts().get("dma-buf.kernel").contains("DMA_BUF export without the series"), r.facts().toString());
    }

    @Test
    public void eachRowGivesTheAnswerAKernelWithoutTheSeriesOwes() {
        check(shared, IVSHMEM, "7.3.4");
        check(debian, EDU, "7.3");
    }

    private static void check(ProbeOutcome o, String device, String release) {
        for (String test : PASSES_EVERYWHERE) {
            TestResult r = one(o, device, test);
            assertEquals(r.status(), TestStatus.PASS, test + " on " + device + ": " + r.message());
        }
        SKIPS_WITHOUT_SERIES.forEach((test, words) -> {
            TestResult r = one(o, device, test);
            assertEquals(r.status(), TestStatus.SKIP, test + " on " + device + " must skip: " + r.message());
            assertTrue(r.message().contains("kernel " + release) || test.contains("hotReset"), r.message());
            words.forEach(w -> assertTrue(r.message().contains(w), test + " on " + device + ": '" + w + "' in " + r.message()));
        });
        TestResult reset = one(o, device, "VfioRegressionTest.hotResetWithUnopenedMember");
        assertEquals(reset.facts().get("step.hot-reset"), "0", "the hot reset itself ran and succeeded");
        // the series numbering used is reported with every row
        assertTrue(one(o, device, "DmaBufSeriesTest.dmaBufRevoke").facts().get("dma-buf.series_features")
                .contains("DMA_BUF_REVOKE=14, DMA_BUF_MEMATTR=15"));
    }

    @Test
    public void barMappingsAreTheVfioDeviceFileWithoutTheSeries() {
        assertTrue(one(shared, IVSHMEM, "DmaBufSeriesTest.barMapInProcMaps").facts().get("step.maps-line")
                .contains("/dev/vfio/devices/vfio"), "cdev (picked on the shared kernel): the mapping's file is the cdev");
        assertTrue(one(debian, EDU, "DmaBufSeriesTest.barMapInProcMaps").facts().get("step.maps-line")
                .contains("anon_inode:[vfio-device]"), "group: the anonymous vfio-device file");
    }

    @Test
    public void misalignedHugePfnFallsBackToFourKilobytePagesWithTheRightData() {
        TestResult r = one(shared, IVSHMEM, "VfioRegressionTest.misalignedHugePfn");
        assertEquals(r.status(), TestStatus.PASS, r.message());
        assertTrue(r.counters().get("faults") >= 512, "order 0 for 512 pages: " + r.counters());
        assertEquals(r.counters().get("pages_checked"), 512L);
        TestResult edu = one(debian, EDU, "VfioRegressionTest.misalignedHugePfn");
        assertEquals(edu.status(), TestStatus.SKIP);
        assertTrue(edu.message().contains("at least 4 MiB"), edu.message());
    }

    @Test
    public void hugeFaultOrdersFollowTheThpModeExceptTheNeverFinding() {
        TestResult r = one(shared, IVSHMEM, THP_MODES);
        assertEquals(r.counters().get("faults_always"), 1L, r.facts().get("fault_orders"));
        assertEquals(r.counters().get("faults_madvise"), 1L, r.facts().get("fault_orders"));
        assertEquals(r.facts().get("thp.original"), "madvise", "the kernel's default, put back after");
        // finding: THP "never" still gets one PMD fault (the debug kernel logs order 9 → 0x100 for it);
        // the rig owes 512 and says so. When a kernel fixes it, this assertion tells us.
        assertEquals(r.counters().get("faults_never"), 1L, r.facts().get("fault_orders"));
        assertEquals(r.status(), TestStatus.FAIL);
        assertEquals(r.brokenInvariants(), List.of("fault-size-as-expected"));
        assertTrue(r.message().contains("THP never"), r.message());
        TestResult edu = one(debian, EDU, THP_MODES);
        assertEquals(edu.status(), TestStatus.PASS, edu.message());
        assertEquals(edu.counters().get("faults_never"), 256L, "1 MiB BAR: 4 KiB pages in every mode " + edu.counters());
        assertEquals(edu.counters().get("faults_always"), 256L, edu.counters().toString());
        TestResult record = one(shared, IVSHMEM, "VfioRegressionTest.hugeFaultKernelRecord");
        assertEquals(record.status(), TestStatus.SKIP, "no dynamic debug in the non-debug kernel");
        assertTrue(record.message().contains("dynamic debug is absent"), record.message());
    }

    @Test
    public void hotResetsUnderLoadLeaveTheMappingReadingCorrectly() {
        for (TestResult r : List.of(one(shared, IVSHMEM, "VfioRegressionTest.hotResetUnderLoad"),
                one(debian, EDU, "VfioRegressionTest.hotResetUnderLoad"))) {
            assertTrue(r.counters().get("disruptions") > 0, r.device() + ": hot resets " + r.counters());
            assertEquals(r.facts().get("disruptor"), "hot-reset");
        }
    }

    @Test
    public void preadIntoTheOwnBarMappingNeverDeadlocks() {
        for (TestResult r : List.of(one(shared, IVSHMEM, "VfioRegressionTest.preadIntoOwnBar"),
                one(debian, EDU, "VfioRegressionTest.preadIntoOwnBar"))) {
            assertTrue(r.counters().get("calls") > 0 && r.counters().get("memory_toggles") > 0, r.device() + " " + r.counters());
        }
        assertTrue(one(shared, IVSHMEM, "VfioRegressionTest.preadIntoOwnBar").facts().get("self_copy")
                .endsWith("reads 0x600dda7a"));
    }

    private static TestResult one(ProbeOutcome o, String device, String test) {
        return o.results().stream().filter(r -> r.device().equals(device) && r.test().equals(test)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + test + " on " + device + "; got " + names(o)));
    }

    private static String names(ProbeOutcome o) {
        return o.results().stream().map(r -> r.test() + "@" + r.device() + "=" + r.status())
                .collect(Collectors.joining(", "));
    }
}
