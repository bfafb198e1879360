package io.vfiorig.agent.device.bind;

import io.vfiorig.agent.device.pci.PciDevice;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of the binding journal: what a device was bound to before the rig moved it to vfio-pci.
 *
 * @param bdf            the device
 * @param driver         its driver before the rig touched it, "" when it had none
 * @param override       its {@code driver_override} before, "" when none
 * @param ownerPid       the process that bound it (restores it on exit)
 * @param ownerStartMs   that process's start time (epoch ms) so a recycled PID is not taken for the owner
 * @param since          when the entry was written
 */
public record JournalEntry(String bdf, String driver, String override, long ownerPid, long ownerStartMs, Instant since) {
    public JournalEntry {
        bdf = PciDevice.requireBdf(bdf);
        driver = driver == null ? "" : driver;
        override = override == null ? "" : override;
    }

    /** An entry owned by this process. */
    static JournalEntry ownedByMe(PciDevice d) {
        ProcessHandle me = ProcessHandle.current();
        return new JournalEntry(d.bdf(), d.driver(), d.driverOverride(), me.pid(), startMs(me), Instant.now());
    }

    /** True while the process that wrote this entry still runs (it will restore the device itself). */
    public boolean ownerAlive() {
        Optional<ProcessHandle> h = ProcessHandle.of(ownerPid);
        return h.isPresent() && h.get().isAlive() && startMs(h.get()) == ownerStartMs;
    }

    /** The state this entry restores, for messages: {@code virtio-pci (override none)}. */
    public String original() {
        return (driver.isEmpty() ? "no driver" : driver) + " (driver_override " + (override.isEmpty() ? "none" : override) + ")";
    }

    private static long startMs(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
