package io.vfiorig.agent.device;

/**
 * What the suites may check on a device's BAR, the same way on every backend.
 *
 * @param model            device model name used for like-with-like comparisons ("edu", "sim-edu")
 * @param idOffset         offset of a read-only identification register, or -1 when there is none
 * @param idValue          the value that register must read
 * @param livenessOffset   offset of a register that reads back the bitwise inverse of what was
 *                         written (QEMU edu at 4), or -1
 * @param patternStart     start of a region the device itself fills with {@link #patternWord}
 *                         (and refills on every restore), or -1
 * @param ramLike          the BAR is plain memory: the suite may write its own pattern and read it back
 * @param recoveryBoundMs  how long after a restore accesses may still fail
 * @param faultP99BoundUs  bound on the 99th percentile of first-touch (fault) latency
 */
public record DeviceProfile(String model, long idOffset, int idValue, long livenessOffset,
        long patternStart, boolean ramLike, long recoveryBoundMs, long faultP99BoundUs) {

    /** The value QEMU's edu device returns at offset 0 (and the sim imitates). */
    public static final int EDU_ID = 0x010000ed;

    /** The sim: edu's ID register, device-owned pattern over the rest of the BAR. */
    public static DeviceProfile simEdu() {
        return new DeviceProfile("sim-edu", 0, EDU_ID, -1, 4096, true, 100, 2000);
    }

    /** QEMU's edu device on the real vfio path: ID and liveness registers, no pattern. */
    public static DeviceProfile edu() {
        return new DeviceProfile("edu", 0, EDU_ID, 4, -1, false, 100, 20_000);
    }

    /** A RAM BAR (ivshmem-plain BAR2): the suite writes and checks its own pattern. */
    public static DeviceProfile ram(String model) {
        return new DeviceProfile(model, -1, 0, -1, -1, true, 100, 20_000);
    }

    /** QEMU's ivshmem-plain BAR2 (shared RAM): the suite writes and checks its own pattern. */
    public static DeviceProfile ivshmem() {
        return ram("ivshmem");
    }

    /**
     * A device the rig has no register model for: hammered by reads only, nothing checked but
     * SIGBUS behaviour, fault order and latency.
     */
    public static DeviceProfile generic(String model) {
        return new DeviceProfile(model, -1, 0, -1, -1, false, 100, 20_000);
    }

    public boolean hasId() {
        return idOffset >= 0;
    }

    public boolean hasPattern() {
        return patternStart >= 0;
    }

    /** Deterministic pattern word for a BAR offset: cheap, distinct per word, never all-zero runs. */
    public static int patternWord(long offset) {
        long x = offset * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 29)) ^ 0x5A5A5A5A;
    }
}
