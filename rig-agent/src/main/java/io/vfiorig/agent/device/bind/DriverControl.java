package io.vfiorig.agent.device.bind;

import io.vfiorig.agent.device.pci.PciDevice;
import io.vfiorig.agent.device.pci.PciSysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The sysfs writes that move a device between drivers. Each is one {@code write(2)} to an existing
 * attribute, as {@code echo} does; nothing here decides whether a move is safe.
 */
final class DriverControl {
    private static final long SETTLE_MS = 3000;
    private final PciSysfs sysfs;

    DriverControl(PciSysfs sysfs) {
        this.sysfs = sysfs;
    }

    /** {@code driver_override}: the only driver that may bind from now on; "" clears it. */
    void setOverride(String bdf, String driver) throws IOException {
        write(devices().resolve(bdf).resolve("driver_override"), driver.isEmpty() ? "\n" : driver);
    }

    /** Detaches the device from its driver, if it has one. */
    void unbind(String bdf) throws IOException {
        Path driver = devices().resolve(bdf).resolve("driver");
        if (Files.exists(driver)) {
            write(driver.resolve("unbind"), bdf);
        }
    }

    /** Lets the kernel pick a driver (the override's, or the best match when there is none). */
    void probe(String bdf) throws IOException {
        write(sysfs.root().resolve("bus/pci/drivers_probe"), bdf);
    }

    /** Binds to one named driver (the original, on restore); falls back to a probe if it refuses. */
    void bindTo(String bdf, String driver) throws IOException {
        Path bind = sysfs.root().resolve("bus/pci/drivers").resolve(driver).resolve("bind");
        try {
            write(bind, bdf);
        } catch (IOException e) {
            probe(bdf); // e.g. the driver is a module that is gone: probing still finds the best one
        }
    }

    /** Waits for sysfs to show {@code driver} ("" = none) on the device; returns what it shows. */
    String awaitDriver(String bdf, String driver) {
        long end = System.nanoTime() + SETTLE_MS * 1_000_000;
        String now = current(bdf);
        while (!now.equals(driver) && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = current(bdf);
        }
        return now;
    }

    String current(String bdf) {
        return sysfs.find(bdf).map(PciDevice::driver).orElse("");
    }

    private Path devices() {
        return sysfs.root().resolve("bus/pci/devices");
    }

    private static void write(Path attr, String value) throws IOException {
        try {
            Files.writeString(attr, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING); // as echo >
        } catch (IOException e) {
            throw new IOException("write '" + value.strip() + "' to " + attr + " failed: " + e, e);
        }
    }
}
