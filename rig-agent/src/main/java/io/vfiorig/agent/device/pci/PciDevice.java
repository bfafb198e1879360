package io.vfiorig.agent.device.pci;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PCI function as sysfs describes it ({@code /sys/bus/pci/devices/DDDD:BB:DD.F}).
 *
 * @param bdf          domain:bus:device.function, lower-case ({@code 0000:3b:00.0})
 * @param vendor       vendor id as in sysfs ({@code 0x8086}), lower-case, or "" if unknown
 * @param device       device id as in sysfs ({@code 0x1572}), lower-case, or "" if unknown
 * @param classCode    class code as in sysfs ({@code 0x020000}), lower-case, or "" if unknown
 * @param driver       bound driver ({@code vfio-pci}), or "" when none
 * @param iommuGroup   IOMMU group number, or -1 when the device has none (no IOMMU)
 * @param numaNode     NUMA node, or -1 when unknown
 * @param resetMethods reset methods from {@code reset_method} in kernel order ({@code flr}, {@code bus}, ...);
 *                     empty when the file is absent (kernels before 5.15) or empty
 * @param bars         the assigned BARs and expansion ROM from {@code resource}, unassigned ones left out
 * @param driverOverride the driver named in {@code driver_override} ({@code vfio-pci}), "" when none
 *                     (the kernel prints {@code (null)}) or the file is absent
 * @param bootVga      {@code boot_vga} is 1: the display the firmware booted on (never taken over)
 */
public record PciDevice(String bdf, String vendor, String device, String classCode, String driver, int iommuGroup,
        int numaNode, List<String> resetMethods, List<PciBar> bars, String driverOverride, boolean bootVga) {

    /** Index of the expansion ROM in the {@code resource} file (after BARs 0..5). */
    public static final int ROM_INDEX = 6;

    // Linux prints the domain with %04x, so domains above 0xffff (VMD) have more digits.
    private static final Pattern BDF = Pattern.compile("[0-9a-f]{4,8}:[0-9a-f]{2}:[01][0-9a-f]\\.[0-7]");
    private static final Pattern SHORT_BDF = Pattern.compile("[0-9a-f]{2}:[01][0-9a-f]\\.[0-7]");

    public PciDevice {
        bdf = requireBdf(bdf);
        vendor = lower(vendor);
        device = lower(device);
        classCode = lower(classCode);
        driver = driver == null ? "" : driver;
        resetMethods = resetMethods == null ? List.of() : List.copyOf(resetMethods);
        bars = bars == null ? List.of() : List.copyOf(bars);
        driverOverride = driverOverride == null || driverOverride.equals("(null)") ? "" : driverOverride.strip();
    }

    /** A device with no driver_override and not the boot display (what most callers describe). */
    public PciDevice(String bdf, String vendor, String device, String classCode, String driver, int iommuGroup,
            int numaNode, List<String> resetMethods, List<PciBar> bars) {
        this(bdf, vendor, device, classCode, driver, iommuGroup, numaNode, resetMethods, bars, "", false);
    }

    /**
     * Checks and normalises a PCI address.
     *
     * @param bdf an address such as {@code 0000:3b:00.0} (any case)
     * @return the address in lower case, as sysfs names it
     * @throws IllegalArgumentException naming the expected form if {@code bdf} is not one
     */
    public static String requireBdf(String bdf) {
        String b = bdf == null ? "" : bdf.strip().toLowerCase(Locale.ROOT);
        if (BDF.matcher(b).matches()) {
            return b;
        }
        String hint = SHORT_BDF.matcher(b).matches() ? " (did you mean 0000:" + b + "?)" : "";
        throw new IllegalArgumentException("PCI address '" + bdf + "' is not of the form DDDD:BB:DD.F"
                + " (domain:bus:device.function in hex, device 00-1f, function 0-7, e.g. 0000:3b:00.0)" + hint);
    }

    /** The BAR with this index (0..5, or {@link #ROM_INDEX}), if assigned. */
    public Optional<PciBar> bar(int index) {
        return bars.stream().filter(b -> b.index() == index).findFirst();
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * One line of the sysfs {@code resource} file.
     *
     * @param index BAR number 0..5, or {@link #ROM_INDEX} for the expansion ROM
     * @param start first bus address (CPU physical address)
     * @param end   last address, inclusive
     * @param flags the kernel's IORESOURCE_* flags
     * @param size  {@code end - start + 1}, 0 when unassigned
     */
    public record PciBar(int index, long start, long end, long flags, long size) {
        // include/linux/ioport.h
        private static final long IORESOURCE_IO = 0x100;
        private static final long IORESOURCE_MEM = 0x200;
        private static final long IORESOURCE_PREFETCH = 0x2000;
        private static final long IORESOURCE_MEM_64 = 0x100000;

        /** True for a memory BAR, the kind VFIO lets user space mmap. */
        public boolean memory() {
            return (flags & IORESOURCE_MEM) != 0;
        }

        /** True for an I/O-port BAR. */
        public boolean io() {
            return (flags & IORESOURCE_IO) != 0;
        }

        public boolean prefetchable() {
            return (flags & IORESOURCE_PREFETCH) != 0;
        }

        public boolean is64Bit() {
            return (flags & IORESOURCE_MEM_64) != 0;
        }

        public boolean rom() {
            return index == ROM_INDEX;
        }
    }
}
