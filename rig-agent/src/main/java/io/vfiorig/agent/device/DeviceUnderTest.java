package io.vfiorig.agent.device;

import io.vfiorig.vfio.ffm.Libc;
import java.util.List;
import java.util.Map;

/**
 * An opened device whose BARs are mapped, with the disruptions the engine can trigger on it.
 *
 * <p>One interface for every backend (sim, vfio group, vfio cdev, the virtual host) so that the
 * suites are written once. Revocation and restore are synchronous: when {@link #revoke()}
 * returns the backend claims that further accesses to the mapping must fail (SIGBUS); when
 * {@link #restore()} returns they must work again and the registers hold their reset values.
 */
public interface DeviceUnderTest extends AutoCloseable {
    /** Stable name as given on the command line, e.g. {@code sim:bug=stale-mapping} or a BDF. */
    String name();

    /** Backend id: {@code sim}, {@code vfio}. */
    String backend();

    DeviceProfile profile();

    /** The BAR the suites hammer. */
    Bar primaryBar();

    List<Bar> bars();

    /** Make the BAR mappings unusable (sim: truncate; vfio: clear PCI_COMMAND.MEMORY). */
    void revoke();

    /** Undo {@link #revoke()}: accesses work again and registers hold their reset values. */
    void restore();

    /** A device reset (vfio: VFIO_DEVICE_RESET). Accesses work again when it returns. */
    void reset();

    /** Close the device file descriptor while the BARs stay mapped. */
    void closeDeviceFd();

    /** What {@code getrusage} should count when touching a 2 MiB-aligned region of this BAR. */
    FaultExpectation faultExpectation(Bar bar);

    /**
     * Drops the page table entries of {@code length} bytes at {@code offset} of {@code bar}, so the
     * next touch faults again (the fault-order probe). Called only while no other thread touches
     * the device. Default: MADV_DONTNEED; backends whose mappings refuse it (vfio BARs are
     * VM_PFNMAP: EINVAL) override.
     */
    default void zap(Bar bar, long offset, long length) {
        Libc.madvise(bar.memory().asSlice(offset, length), length, Libc.MADV_DONTNEED);
    }

    /**
     * Called inside the timed region of a first touch. Backends normally do nothing; the sim's
     * {@code slow-fault} bug injects latency here.
     */
    default void onFirstTouch(long offset) {}

    /** Facts for the result's environment block (kernel feature numbers, THP mode, ...). */
    Map<String, String> describe();

    @Override
    void close();
}
