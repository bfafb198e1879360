package io.vfiorig.agent.device.bind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A /sys and /proc laid out like the real ones (devices/ holds the functions; bus/pci/devices,
 * class/block and class/net link into it; driver and iommu_group are symlinks), in a temp dir.
 */
final class FakeSysfs implements AutoCloseable {
    final Path root;
    final Path sys;
    final Path proc;

    FakeSysfs() throws IOException {
        root = Files.createTempDirectory("fake-host");
        sys = Files.createDirectories(root.resolve("sys"));
        proc = Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(sys.resolve("bus/pci/devices"));
        Files.writeString(sys.resolve("bus/pci/drivers_probe"), "");
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("mounts"), "proc /proc proc rw 0 0\n");
        Files.writeString(proc.resolve("net/route"), "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n");
    }

    /** A function with vendor/device, no override, in {@code group}, on {@code driver} ("" = none). */
    Path device(String bdf, String driver, int group) throws IOException {
        Path dir = Files.createDirectories(sys.resolve("devices/pci0000:00").resolve(bdf));
        Files.createSymbolicLink(sys.resolve("bus/pci/devices").resolve(bdf), Path.of("../../../devices/pci0000:00").resolve(bdf));
        Files.writeString(dir.resolve("vendor"), "0x1af4\n");
        Files.writeString(dir.resolve("device"), "0x1041\n");
        Files.writeString(dir.resolve("driver_override"), "(null)\n");
        Files.writeString(dir.resolve("boot_vga"), "0\n");
        if (!driver.isEmpty()) {
            Path drv = Files.createDirectories(sys.resolve("bus/pci/drivers").resolve(driver));
            Files.writeString(drv.resolve("unbind"), "");
            Files.writeString(drv.resolve("bind"), "");
            Files.createSymbolicLink(dir.resolve("driver"), Path.of("../../../bus/pci/drivers").resolve(driver));
        }
        Path members = Files.createDirectories(sys.resolve("kernel/iommu_groups/" + group + "/devices"));
        Files.createSymbolicLink(dir.resolve("iommu_group"), Path.of("../../../kernel/iommu_groups/" + group));
        Files.createSymbolicLink(members.resolve(bdf), Path.of("../../../../devices/pci0000:00").resolve(bdf));
        return dir;
    }

    /** A block device (and its partition) driven by the function at {@code dir}. */
    void disk(Path dir, String disk, String partition) throws IOException {
        Path d = Files.createDirectories(dir.resolve("host0/block").resolve(disk));
        Files.createDirectories(d.resolve(partition));
        Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(sys.resolve("class/block").resolve(disk), d);
        Files.createSymbolicLink(sys.resolve("class/block").resolve(partition), d.resolve(partition));
    }

    /** A network interface driven by the function at {@code dir}. */
    void nic(Path dir, String name) throws IOException {
        Path n = Files.createDirectories(dir.resolve("net").resolve(name));
        Files.createDirectories(sys.resolve("class/net"));
        Files.createSymbolicLink(sys.resolve("class/net").resolve(name), n);
    }

    void append(String procFile, String line) throws IOException {
        Path f = proc.resolve(procFile);
        Files.writeString(f, (Files.exists(f) ? Files.readString(f) : "") + line + "\n");
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
