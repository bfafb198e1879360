package io.vfiorig.agent.device.pci;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import io.vfiorig.agent.device.pci.PciDevice.PciBar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

public class PciSysfsTest {
    private static final String NIC = "0000:3b:00.0";
    private static final String NIC_FN1 = "0000:3b:00.1";
    private static final String BARE = "0000:00:1f.3";

    private Path sys;
    private PciSysfs sysfs;

    /** A fake /sys laid out like the real one: bus/pci/devices holds symlinks into devices/. */
    @BeforeClass
    public void buildFakeSysfs() throws IOException {
        sys = Files.createTempDirectory("fake-sys");
        Path nic = device(NIC);
        Files.writeString(nic.resolve("vendor"), "0x8086\n");
        Files.writeString(nic.resolve("device"), "0x1572\n");
        Files.writeString(nic.resolve("class"), "0x020000\n");
        Files.writeString(nic.resolve("numa_node"), "1\n");
        Files.writeString(nic.resolve("reset_method"), "flr bus\n");
        Files.writeString(nic.resolve("driver_override"), "vfio-pci\n");
        Files.writeString(nic.resolve("boot_vga"), "0\n");
        Files.writeString(nic.resolve("resource"), String.join("\n",
                "0x0000387ffe000000 0x0000387ffeffffff 0x000000000014220c", // BAR0: 16 MiB, 64-bit prefetchable
                "0x0000000000000000 0x0000000000000000 0x0000000000000000", // BAR1: upper half of BAR0
                "0x000000000000e000 0x000000000000e01f 0x0000000000040101", // BAR2: I/O ports
                "0x0000000000000000 0x0000000000000000 0x0000000000000000",
                "0x0000000000000000 0x0000000000000000 0x0000000000000000",
                "0x0000000000000000 0x0000000000000000 0x0000000000000000",
                "0x00000000c5e80000 0x00000000c5efffff 0x0000000000046200", // ROM: 512 KiB
                "0x0000387ffd000000 0x0000387ffd3fffff 0x000000000014220c", // SR-IOV BAR: not a BAR line
                "0x0000000000000000 0x0000000000000000 0x0000000000000000") + "\n");
        Files.createDirectories(sys.resolve("bus/pci/drivers/vfio-pci"));
        Files.createSymbolicLink(nic.resolve("driver"), Path.of("../../../bus/pci/drivers/vfio-pci"));
        Path group = Files.createDirectories(sys.resolve("kernel/iommu_groups/12/devices"));
        Files.createSymbolicLink(nic.resolve("iommu_group"), Path.of("../../../kernel/iommu_groups/12"));
        Files.createSymbolicLink(group.resolve(NIC_FN1), Path.of("../../../../devices/pci0000:3a/" + NIC_FN1));
        Files.createSymbolicLink(group.resolve(NIC), Path.of("../../../../devices/pci0000:3a/" + NIC));

        // A device in a container-like sysfs: almost every attribute missing.
        Files.writeString(device(BARE).resolve("vendor"), "0x8086");
        // Second function of the NIC: nothing but vendor and device, to sort between the two.
        Path fn1 = device(NIC_FN1);
        Files.writeString(fn1.resolve("vendor"), "0x8086");
        Files.writeString(fn1.resolve("device"), "0x1572");
        Files.writeString(fn1.resolve("driver_override"), "(null)\n"); // how the kernel prints "none"
        Files.writeString(fn1.resolve("boot_vga"), "1\n");
        // Not a PCI function: must be ignored, not fail the listing.
        Files.createDirectories(sys.resolve("bus/pci/devices/not-a-device"));

        sysfs = new PciSysfs(sys);
    }

    private Path device(String bdf) throws IOException {
        Path dir = Files.createDirectories(sys.resolve("devices/pci0000:3a").resolve(bdf));
        Path link = sys.resolve("bus/pci/devices").resolve(bdf);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of("../../../devices/pci0000:3a").resolve(bdf));
        return dir;
    }

    @AfterClass(alwaysRun = true)
    public void removeFakeSysfs() throws IOException {
        try (Stream<Path> files = Files.walk(sys)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    public void listsPciFunctionsSortedAndSkipsOtherEntries() {
        assertEquals(sysfs.list().stream().map(PciDevice::bdf).toList(), List.of(BARE, NIC, NIC_FN1));
    }

    @Test
    public void parsesAllAttributes() throws IOException {
        PciDevice d = sysfs.find(NIC).orElseThrow();
        assertEquals(d.bdf(), NIC);
        assertEquals(d.vendor(), "0x8086");
        assertEquals(d.device(), "0x1572");
        assertEquals(d.classCode(), "0x020000");
        assertEquals(d.driver(), "vfio-pci");
        assertEquals(d.iommuGroup(), 12);
        assertEquals(d.numaNode(), 1);
        assertEquals(d.resetMethods(), List.of("flr", "bus"));
        assertEquals(d.bars(), List.of(
                new PciBar(0, 0x387ffe000000L, 0x387ffeffffffL, 0x14220cL, 16L << 20),
                new PciBar(2, 0xe000L, 0xe01fL, 0x40101L, 32),
                new PciBar(6, 0xc5e80000L, 0xc5efffffL, 0x46200L, 512L << 10)));
        PciBar bar0 = d.bar(0).orElseThrow();
        assertTrue(bar0.memory() && bar0.prefetchable() && bar0.is64Bit() && !bar0.io() && !bar0.rom());
        assertTrue(d.bar(2).orElseThrow().io());
        assertTrue(d.bar(PciDevice.ROM_INDEX).orElseThrow().rom());
        assertEquals(d.bar(1), Optional.empty());
        assertEquals(d.driverOverride(), "vfio-pci");
        assertFalse(d.bootVga());
        assertEquals(sysfs.deviceDir(NIC), sys.toRealPath().resolve("devices/pci0000:3a").resolve(NIC));
    }

    @Test
    public void driverOverrideNoneAndBootDisplay() {
        PciDevice fn1 = sysfs.find(NIC_FN1).orElseThrow();
        assertEquals(fn1.driverOverride(), "", "(null) means no override");
        assertTrue(fn1.bootVga());
        assertEquals(sysfs.find(BARE).orElseThrow().driverOverride(), "");
        assertFalse(sysfs.find(BARE).orElseThrow().bootVga());
    }

    @Test
    public void missingAttributesGetUnknownValues() {
        PciDevice d = sysfs.find(BARE).orElseThrow();
        assertEquals(d.vendor(), "0x8086");
        assertEquals(d.device(), "");
        assertEquals(d.classCode(), "");
        assertEquals(d.driver(), "");
        assertEquals(d.iommuGroup(), -1);
        assertEquals(d.numaNode(), -1);
        assertEquals(d.resetMethods(), List.of());
        assertEquals(d.bars(), List.of());
    }

    @Test
    public void iommuGroupMembers() {
        assertEquals(sysfs.iommuGroupMembers(12), List.of(NIC, NIC_FN1));
        assertEquals(sysfs.iommuGroupMembers(13), List.of());
        assertEquals(sysfs.iommuGroupMembers(-1), List.of());
    }

    @Test
    public void findNormalisesCaseAndReportsAbsentDevices() {
        assertEquals(sysfs.find("0000:3B:00.0").orElseThrow().bdf(), NIC);
        assertEquals(sysfs.find("0000:3b:00.7"), Optional.empty());
    }

    @Test
    public void malformedAddressesAreRefusedShowingTheExpectedForm() {
        for (String bad : List.of("3b:00.0", "0000:3b:00", "0000:3b:20.0", "0000:3b:00.8", "0000-3b-00.0", "")) {
            IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> sysfs.find(bad));
            assertTrue(e.getMessage().contains("DDDD:BB:DD.F") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
        IllegalArgumentException e = expectThrows(IllegalArgumentException.class, () -> sysfs.find("3b:00.0"));
        assertTrue(e.getMessage().contains("did you mean 0000:3b:00.0?"), e.getMessage());
        expectThrows(IllegalArgumentException.class, () -> sysfs.find(null));
    }

    @Test
    public void resourceParsingUsesAll64BitsAndSkipsGarbledLines() {
        List<PciBar> bars = PciSysfs.parseResources(String.join("\n",
                "0xffffffff00000000 0xffffffff0fffffff 0x0000000000140204",
                "garbage",
                "0x0000000000001000 0xzz 0x0000000000000200"));
        assertEquals(bars, List.of(new PciBar(0, 0xffffffff00000000L, 0xffffffff0fffffffL, 0x140204L, 1L << 28)));
        assertEquals(PciSysfs.parseResources(""), List.of());
    }

    @Test
    public void emptySysfsHasNoDevices() throws IOException {
        Path empty = Files.createTempDirectory("empty-sys");
        try {
            PciSysfs none = new PciSysfs(empty);
            assertEquals(none.list(), List.of());
            assertEquals(none.find(NIC), Optional.empty());
            assertEquals(none.iommuGroupMembers(0), List.of());
        } finally {
            Files.delete(empty);
        }
    }

    /** The real /sys may have no PCI bus (containers); reading it must still not throw. */
    @Test
    public void realSysfsIsReadableWithoutThrowing() throws IOException {
        PciSysfs real = new PciSysfs();
        List<PciDevice> devices = real.list();
        Path dir = Path.of("/sys/bus/pci/devices");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                assertEquals(devices.size(), entries.count(), "every entry of " + dir + " is a PCI function");
            }
        }
        for (PciDevice d : devices) {
            assertEquals(real.find(d.bdf()), Optional.of(d));
            assertTrue(d.vendor().isEmpty() || d.vendor().matches("0x[0-9a-f]{4}"), d.toString());
            if (d.iommuGroup() >= 0) {
                assertTrue(real.iommuGroupMembers(d.iommuGroup()).contains(d.bdf()), d.toString());
            }
            assertFalse(d.bars().stream().anyMatch(b -> b.index() > PciDevice.ROM_INDEX), d.toString());
        }
    }
}
