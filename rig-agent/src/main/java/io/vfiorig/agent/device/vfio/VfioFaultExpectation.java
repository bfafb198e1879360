package io.vfiorig.agent.device.vfio;

import io.vfiorig.agent.device.FaultExpectation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a correct kernel owes when a 2 MiB region of a vfio-pci BAR mapping is touched: one PMD
 * fault, or 4 KiB PTE faults. Pure, so every rule can be tested without a device.
 *
 * <p>A PMD mapping needs all of: vfio-pci's {@code huge_fault} (6.12+, x86_64), THP allowing it for
 * the VMA ({@code always}, or {@code madvise} with MADV_HUGEPAGE applied), a BAR of at least 2 MiB,
 * and a virtual address and PFN both 2 MiB-aligned ({@code is_aligned_for_order}); otherwise the
 * kernel falls back to order 0.
 */
public final class VfioFaultExpectation {
    private static final long PMD = FaultExpectation.PMD;
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

    private VfioFaultExpectation() {}

    /**
     * @param barSize      region size in bytes
     * @param mapAddress   virtual address of the mapping's start
     * @param barPhys      the BAR's bus address from sysfs, or -1 when unknown
     * @param thp          the THP mode
     * @param madvised     MADV_HUGEPAGE succeeded on the mapping
     * @param hugePfnmap   the kernel has vfio-pci huge faults ({@link #kernelHasHugePfnmap})
     * @param ramLike      RAM BAR: touch by writing; register BARs are only read
     */
    public static FaultExpectation of(long barSize, long mapAddress, long barPhys, ThpMode thp, boolean madvised,
            boolean hugePfnmap, boolean ramLike) {
        long offset;
        long length;
        if (barSize >= 2 * PMD) {
            offset = PMD; // a PMD away from the start: also catches a kernel that only aligns the first entry
            length = PMD;
        } else if (barSize >= PMD) {
            offset = 0;
            length = PMD;
        } else {
            offset = 0;
            length = barSize;
        }
        StringBuilder why = new StringBuilder();
        boolean huge = true;
        if (length < PMD) {
            huge = false;
            why.append("BAR ").append(size(barSize)).append(" < 2 MiB");
        } else {
            why.append("BAR ").append(size(barSize));
        }
        why.append(", THP ").append(thp.id()).append(madvised ? " + MADV_HUGEPAGE" : " (no MADV_HUGEPAGE)");
        if (!thp.allowsHuge(madvised)) {
            huge = false;
            why.append(" forbids huge faults");
        }
        if (!hugePfnmap) {
            huge = false;
            why.append(", kernel without vfio-pci huge_fault");
        }
        if (length >= PMD && (mapAddress + offset) % PMD != 0) {
            huge = false;
            why.append(", VA 0x").append(Long.toHexString(mapAddress + offset)).append(" not 2 MiB-aligned");
        }
        if (length >= PMD && barPhys >= 0 && (barPhys + offset) % PMD != 0) {
            huge = false;
            why.append(", PFN not 2 MiB-aligned (BAR at 0x").append(Long.toHexString(barPhys)).append(')');
        }
        if (huge) {
            why.append(", VA and PFN 2 MiB-aligned");
        }
        return new FaultExpectation(offset, length, huge, ramLike, why.toString());
    }

    /** vfio-pci got {@code huge_fault} in 6.12 (x86_64: PMD and PUD). */
    public static boolean kernelHasHugePfnmap(String release, String arch) {
        Matcher m = RELEASE.matcher(release == null ? "" : release.strip());
        if (!m.find() || !("amd64".equals(arch) || "x86_64".equals(arch))) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 6 || (major == 6 && minor >= 12);
    }

    static String size(long bytes) {
        if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= (1L << 10) && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
