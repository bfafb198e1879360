package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import io.vfiorig.agent.device.FaultExpectation;
import org.testng.annotations.Test;

public class VfioFaultExpectationTest {
    private static final long M = 1L << 20;
    private static final long G = 1L << 30;
    private static final long ALIGNED_VA = 0x7f0000000000L; // 1 GiB-aligned
    private static final long ALIGNED_BAR = 0xc0000000L;

    private static FaultExpectation big(ThpMode thp, boolean madvised) {
        return VfioFaultExpectation.of(64 * M, ALIGNED_VA, ALIGNED_BAR, thp, madvised, true, true);
    }

    @Test
    public void aSmallBarIsAlwaysOrderZeroOverTheWholeBar() {
        FaultExpectation e = VfioFaultExpectation.of(M, ALIGNED_VA, ALIGNED_BAR, ThpMode.ALWAYS, true, true, false);
        assertFalse(e.huge());
        assertEquals(e.regionOffset(), 0);
        assertEquals(e.regionLength(), M);
        assertEquals(e.expectedFaults(), 256, "edu: one fault per 4 KiB page of its 1 MiB BAR");
        assertFalse(e.writeTouch(), "register BARs are only read");
        assertTrue(e.reason().contains("BAR 1 MiB < 2 MiB"), e.reason());
    }

    @Test
    public void aLargeAlignedBarIsHugeWhenThpAllowsIt() {
        FaultExpectation always = big(ThpMode.ALWAYS, false);
        assertTrue(always.huge(), always.reason());
        assertEquals(always.regionOffset(), FaultExpectation.PMD, "a PMD in, not only the first one");
        assertEquals(always.expectedFaults(), 1);
        assertTrue(always.writeTouch());
        assertTrue(big(ThpMode.MADVISE, true).huge(), "madvise mode + MADV_HUGEPAGE");
    }

    @Test
    public void thpSettingsThatForbidHugeFaultsGiveOrderZero() {
        FaultExpectation noMadvise = big(ThpMode.MADVISE, false);
        assertFalse(noMadvise.huge());
        assertTrue(noMadvise.reason().contains("THP madvise (no MADV_HUGEPAGE) forbids huge faults"), noMadvise.reason());
        assertFalse(big(ThpMode.NEVER, true).huge());
        assertFalse(big(ThpMode.UNKNOWN, true).huge(), "no THP in the kernel");
    }

    @Test
    public void misalignmentOnEitherSideFallsBack() {
        FaultExpectation va = VfioFaultExpectation.of(64 * M, ALIGNED_VA + 4096, ALIGNED_BAR, ThpMode.ALWAYS, true,
                true, true);
        assertFalse(va.huge());
        assertTrue(va.reason().contains("not 2 MiB-aligned"), va.reason());
        // regression 1 of the reference: VA aligned, BAR offset not -> the kernel must fall back
        FaultExpectation pfn = VfioFaultExpectation.of(64 * M, ALIGNED_VA, ALIGNED_BAR + M, ThpMode.ALWAYS, true,
                true, true);
        assertFalse(pfn.huge());
        assertTrue(pfn.reason().contains("PFN not 2 MiB-aligned"), pfn.reason());
        assertTrue(VfioFaultExpectation.of(64 * M, ALIGNED_VA, -1, ThpMode.ALWAYS, true, true, true).huge(),
                "unknown BAR address: trust the BAR's natural alignment");
    }

    @Test
    public void aTwoMegabyteBarIsOnePmdFromItsStart() {
        FaultExpectation e = VfioFaultExpectation.of(2 * M, ALIGNED_VA, ALIGNED_BAR, ThpMode.ALWAYS, true, true, false);
        assertTrue(e.huge());
        assertEquals(e.regionOffset(), 0);
        assertEquals(e.regionLength(), 2 * M);
    }

    @Test
    public void hugePfnmapNeedsSixTwelveOnX86() {
        assertTrue(VfioFaultExpectation.kernelHasHugePfnmap("7.3.4", "amd64"));
        assertTrue(VfioFaultExpectation.kernelHasHugePfnmap("6.12.118-amd64", "amd64"));
        assertFalse(VfioFaultExpectation.kernelHasHugePfnmap("6.11.0", "amd64"));
        assertFalse(VfioFaultExpectation.kernelHasHugePfnmap("6.1.192", "x86_64"));
        assertFalse(VfioFaultExpectation.kernelHasHugePfnmap("7.3.4", "aarch64"), "arm64: PMD only, not checked here");
        assertFalse(VfioFaultExpectation.kernelHasHugePfnmap("garbage", "amd64"));
        FaultExpectation old = VfioFaultExpectation.of(G, ALIGNED_VA, ALIGNED_BAR, ThpMode.ALWAYS, true, false, true);
        assertFalse(old.huge());
        assertTrue(old.reason().contains("kernel without vfio-pci huge_fault"), old.reason());
    }

    @Test
    public void thpModeParsesTheBracketedChoice() {
        assertEquals(ThpMode.parse("always [madvise] never\n"), ThpMode.MADVISE);
        assertEquals(ThpMode.parse("[always] madvise never"), ThpMode.ALWAYS);
        assertEquals(ThpMode.parse("always madvise [never]"), ThpMode.NEVER);
        assertEquals(ThpMode.parse(""), ThpMode.UNKNOWN);
        assertTrue(ThpMode.ALWAYS.allowsHuge(false));
        assertFalse(ThpMode.MADVISE.allowsHuge(false));
        assertTrue(ThpMode.MADVISE.allowsHuge(true));
        assertFalse(ThpMode.NEVER.allowsHuge(true));
    }
}
