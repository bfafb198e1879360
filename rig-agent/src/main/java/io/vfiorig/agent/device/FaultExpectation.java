package io.vfiorig.agent.device;

/**
 * How many page faults touching one region of a BAR should take, and why.
 *
 * <p>The region is 2 MiB and 2 MiB-aligned when the BAR is big enough (one PMD fault if the
 * mapping can be huge, 512 PTE faults otherwise), or the whole BAR when it is smaller.
 *
 * @param regionOffset offset of the region inside the BAR
 * @param regionLength its length
 * @param huge         true when the kernel should install one huge (PMD) mapping for the region
 * @param writeTouch   touch by writing (RAM-like BARs: shared-file read faults map pages around
 *                     the fault address, writes fault exactly once per page)
 * @param reason       the facts the expectation came from (THP setting, alignment, BAR size)
 */
public record FaultExpectation(long regionOffset, long regionLength, boolean huge, boolean writeTouch,
        String reason) {
    public static final long PMD = 2L << 20;

    /** Faults a correct kernel takes for the region. */
    public long expectedFaults() {
        return huge ? regionLength / PMD : regionLength / Bar.PAGE;
    }

    public String order() {
        return huge ? "2M (order 9)" : "4K (order 0)";
    }
}
