package io.vfiorig.agent.device.pci;

import io.vfiorig.agent.device.pci.PciDevice.PciBar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Read-only view of the PCI devices in sysfs. Never writes: binding and unbinding drivers is
 * {@link io.vfiorig.agent.device.bind.SafeBinder}'s job, not that of code that only wants to know what is there.
 *
 * <p>Tolerant of missing or unreadable attributes (containers and older kernels lack some):
 * such fields get their "unknown" value instead of failing the whole listing.
 */
public final class PciSysfs {
    private final Path sysRoot;

    /** Reads the real {@code /sys}. */
    public PciSysfs() {
        this(Path.of("/sys"));
    }

    /**
     * @param sysRoot directory that plays {@code /sys} (a fake tree in tests)
     */
    public PciSysfs(Path sysRoot) {
        this.sysRoot = sysRoot;
    }

    /**
     * All PCI functions under {@code bus/pci/devices}, sorted by address.
     *
     * @return the devices; empty when there is no PCI bus in this sysfs
     * @throws UncheckedIOException if the device directory exists but cannot be listed
     */
    public List<PciDevice> list() {
        List<PciDevice> out = new ArrayList<>();
        for (String name : names(devicesDir())) {
            if (isBdf(name)) { // anything else in there is not a PCI function
                out.add(read(name));
            }
        }
        return out;
    }

    /**
     * One PCI function.
     *
     * @param bdf address of the form {@code DDDD:BB:DD.F}
     * @return the device, or empty if sysfs has no such device
     * @throws IllegalArgumentException if {@code bdf} is not a PCI address
     */
    public Optional<PciDevice> find(String bdf) {
        String b = PciDevice.requireBdf(bdf);
        return Files.isDirectory(devicesDir().resolve(b)) ? Optional.of(read(b)) : Optional.empty();
    }

    /**
     * The addresses of the devices in an IOMMU group, sorted. VFIO hands out whole groups, so a
     * device can only be used when every member is bound to vfio-pci (or no driver).
     *
     * @param group the group number, as in {@link PciDevice#iommuGroup()}
     * @return member addresses; empty for a negative group or one that does not exist
     * @throws UncheckedIOException if the group exists but cannot be listed
     */
    public List<String> iommuGroupMembers(int group) {
        if (group < 0) {
            return List.of();
        }
        return names(sysRoot.resolve("kernel/iommu_groups").resolve(Integer.toString(group)).resolve("devices"));
    }

    private Path devicesDir() {
        return sysRoot.resolve("bus/pci/devices");
    }

    private PciDevice read(String bdf) {
        Path dir = devicesDir().resolve(bdf);
        return new PciDevice(bdf, attr(dir, "vendor"), attr(dir, "device"), attr(dir, "class"),
                linkName(dir.resolve("driver")), parseInt(linkName(dir.resolve("iommu_group")), -1),
                parseInt(attr(dir, "numa_node"), -1), resetMethods(attr(dir, "reset_method")),
                parseResources(attr(dir, "resource")), attr(dir, "driver_override"), "1".equals(attr(dir, "boot_vga")));
    }

    /** The folder playing {@code /sys}. */
    public Path root() {
        return sysRoot;
    }

    /**
     * The device's own folder under {@code devices/} (the {@code bus/pci/devices} entry resolved):
     * block devices and network interfaces the device drives sit below it.
     *
     * @throws UncheckedIOException if the device does not exist
     */
    public Path deviceDir(String bdf) {
        try {
            return devicesDir().resolve(PciDevice.requireBdf(bdf)).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("no PCI device " + bdf + " in " + devicesDir(), e);
        }
    }

    /**
     * Parses the {@code resource} file: one line per resource, {@code start end flags} in hex.
     * Only BARs 0..5 and the ROM are kept (later lines are SR-IOV and bridge windows); all-zero
     * lines (unimplemented BARs) are skipped.
     */
    static List<PciBar> parseResources(String text) {
        List<PciBar> bars = new ArrayList<>();
        String[] lines = text.isEmpty() ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length && i <= PciDevice.ROM_INDEX; i++) {
            String[] f = lines[i].strip().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            try {
                long start = hex(f[0]);
                long end = hex(f[1]);
                long flags = hex(f[2]);
                if (start == 0 && end == 0 && flags == 0) {
                    continue;
                }
                long size = end == 0 && start == 0 ? 0 : end - start + 1;
                bars.add(new PciBar(i, start, end, flags, size));
            } catch (NumberFormatException e) {
                // a garbled line says nothing about the others
            }
        }
        return bars;
    }

    private static List<String> resetMethods(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    private static long hex(String s) {
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        return Long.parseUnsignedLong(h, 16); // addresses can use all 64 bits
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A sysfs attribute's content, stripped; "" when absent or unreadable. */
    private static String attr(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name)).strip();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** Last element of a symlink's target ({@code driver -> .../drivers/vfio-pci}); "" when absent. */
    private static String linkName(Path link) {
        try {
            Path target = Files.readSymbolicLink(link).getFileName();
            return target == null ? "" : target.toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        names.sort(null);
        return names;
    }

    private static boolean isBdf(String name) {
        try {
            PciDevice.requireBdf(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
