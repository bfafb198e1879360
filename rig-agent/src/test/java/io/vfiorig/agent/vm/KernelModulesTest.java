package io.vfiorig.agent.vm;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.testng.annotations.Test;

public class KernelModulesTest {
    /** A modules tree shaped like Debian 7.3's: no modules.dep, xz-compressed, virtio_pci built in. */
    static Path fakeModulesDir() throws Exception {
        Path dir = Files.createTempDirectory("rig-modules");
        put(dir, "kernel/drivers/vfio/pci/vfio-pci.ko", "depends=vfio-pci-core,vfio");
        put(dir, "kernel/drivers/vfio/pci/vfio-pci-core.ko", "depends=vfio,irqbypass");
        put(dir, "kernel/drivers/vfio/vfio.ko", "depends=");
        put(dir, "kernel/drivers/vfio/vfio_iommu_type1.ko", "depends=vfio");
        put(dir, "kernel/virt/lib/irqbypass.ko", "license=GPL");
        put(dir, "kernel/net/9p/9pnet.ko", "depends=");
        put(dir, "kernel/net/9p/9pnet_virtio.ko", "depends=9pnet");
        put(dir, "kernel/fs/netfs/netfs.ko", "depends=");
        put(dir, "kernel/fs/9p/9p.ko", "depends=9pnet,netfs");
        put(dir, "kernel/sound/unrelated.ko", "depends=");
        // Debian compresses its modules: exercise the xz path on one
        Path plain = dir.resolve("kernel/fs/9p/9p.ko");
        Process p = new ProcessBuilder(HostTools.require("xz", "xz-utils").toString(), "-z", plain.toString()).inheritIO().start();
        assertEquals(p.waitFor(), 0, "xz");
        return dir;
    }

    static void put(Path dir, String rel, String... modinfo) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, TestElf.module(modinfo));
    }

    @Test
    public void readsDependsFromModinfo() throws Exception {
        assertEquals(KernelModules.depends(TestElf.module("license=GPL", "depends=a,b-c", "vermagic=7.3")), List.of("a", "b-c"));
        assertEquals(KernelModules.depends(TestElf.module("depends=")), List.of());
        assertEquals(KernelModules.depends(TestElf.module("license=GPL")), List.of());
    }

    @Test
    public void loadOrderPutsDependenciesFirstAndSkipsBuiltIns() throws Exception {
        List<String> order = KernelModules.guestModules(fakeModulesDir()).stream().map(KernelModules.Module::name).toList();
        assertEquals(order, List.of("vfio", "irqbypass", "vfio_pci_core", "vfio_pci", "vfio_iommu_type1",
                "9pnet", "9pnet_virtio", "netfs", "9p"));
    }

    @Test
    public void decompressesXzModules() throws Exception {
        Path dir = fakeModulesDir();
        byte[] elf = KernelModules.read(dir.resolve("kernel/fs/9p/9p.ko.xz"));
        assertEquals(KernelModules.depends(elf), List.of("9pnet", "netfs"));
    }

    @Test
    public void aDependencyWithoutAFileIsAnError() throws Exception {
        Path dir = Files.createTempDirectory("rig-modules");
        put(dir, "kernel/fs/9p/9p.ko", "depends=netfs");
        assertThrows(java.io.IOException.class, () -> KernelModules.loadOrder(dir, List.of("9p")));
    }
}
