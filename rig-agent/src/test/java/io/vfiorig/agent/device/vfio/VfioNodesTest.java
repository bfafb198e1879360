package io.vfiorig.agent.device.vfio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.testng.annotations.Test;

public class VfioNodesTest {
    private static final String BDF = "0000:01:00.0";

    /** A fake /sys and /dev: the device, optionally with a cdev, a group node, /dev/iommu. */
    private static VfioNodes tree(boolean cdev, String groupNode, boolean iommu) throws IOException {
        Path root = Files.createTempDirectory("vfio-nodes");
        Path sys = root.resolve("sys");
        Path dev = root.resolve("dev");
        Path d = Files.createDirectories(sys.resolve("bus/pci/devices").resolve(BDF));
        Files.createDirectories(dev.resolve("vfio/devices"));
        if (cdev) {
            Files.createDirectories(d.resolve("vfio-dev/vfio3"));
            Files.createFile(dev.resolve("vfio/devices/vfio3"));
        }
        if (groupNode != null) {
            Files.createFile(dev.resolve("vfio").resolve(groupNode));
        }
        if (iommu) {
            Files.createFile(dev.resolve("iommu"));
        }
        return new VfioNodes(sys, dev);
    }

    @Test
    public void autoPicksCdevWhenTheKernelOffersIt() throws IOException {
        VfioNodes n = tree(true, "6", true);
        assertEquals(n.cdevName(BDF), Optional.of("vfio3"));
        assertTrue(n.cdevNode(BDF).get().endsWith("dev/vfio/devices/vfio3"));
        assertEquals(n.pick(BDF, Optional.empty()), VfioApi.CDEV);
        assertEquals(n.pick(BDF, Optional.of(VfioApi.GROUP)), VfioApi.GROUP, "api= wins");
    }

    @Test
    public void autoFallsBackToTheGroupWithoutCdevOrIommufd() throws IOException {
        assertEquals(tree(false, "6", true).pick(BDF, Optional.empty()), VfioApi.GROUP, "Debian: no cdev");
        assertEquals(tree(true, "6", false).pick(BDF, Optional.empty()), VfioApi.GROUP, "no /dev/iommu");
    }

    @Test
    public void aNoIommuCdevCountsAsACdev() throws IOException {
        Path root = Files.createTempDirectory("vfio-nodes");
        Files.createDirectories(root.resolve("sys/bus/pci/devices").resolve(BDF).resolve("vfio-dev/noiommu-vfio0"));
        Files.createDirectories(root.resolve("dev/vfio/devices"));
        Files.createFile(root.resolve("dev/vfio/devices/noiommu-vfio0"));
        Files.createFile(root.resolve("dev/iommu"));
        VfioNodes n = new VfioNodes(root.resolve("sys"), root.resolve("dev"));
        assertEquals(n.cdevName(BDF), Optional.of("noiommu-vfio0"));
        assertEquals(n.pick(BDF, Optional.empty()), VfioApi.CDEV);
        assertTrue(VfioNodes.isNoiommu(n.cdevNode(BDF).get()));
        assertTrue(VfioApi.NOIOMMU_CDEV.noIommu() && VfioApi.NOIOMMU.noIommu() && !VfioApi.CDEV.noIommu());
    }

    @Test
    public void theGroupNodeIsFoundPlainOrNoIommu() throws IOException {
        VfioNodes plain = tree(false, "6", false);
        assertTrue(plain.groupNode(6).get().endsWith("vfio/6"));
        assertFalse(VfioNodes.isNoiommu(plain.groupNode(6).get()));
        VfioNodes noiommu = tree(false, "noiommu-0", false);
        assertTrue(noiommu.groupNode(0).get().endsWith("vfio/noiommu-0"));
        assertTrue(VfioNodes.isNoiommu(noiommu.groupNode(0).get()));
        assertEquals(plain.groupNode(7), Optional.empty());
        assertEquals(plain.groupNode(-1), Optional.empty(), "no IOMMU group at all");
    }

    @Test
    public void fdHoldersFindsProcessesHoldingTheNode() throws IOException {
        Path proc = Files.createTempDirectory("fake-proc");
        holder(proc, 812, "qemu-system-x86", "/dev/vfio/6");
        holder(proc, 813, "bash", "/dev/pts/0");
        Files.createDirectories(proc.resolve("self")); // not a pid: ignored
        List<FdHolders.Holder> who = new FdHolders(proc).of(List.of(Path.of("/dev/vfio/6")));
        assertEquals(who, List.of(new FdHolders.Holder(812, "qemu-system-x86", "/dev/vfio/6")));
        assertEquals(who.getFirst().toString(), "pid 812 (qemu-system-x86) holds /dev/vfio/6");
    }

    private static void holder(Path proc, int pid, String comm, String target) throws IOException {
        Path p = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
        Files.writeString(p.getParent().resolve("comm"), comm + "\n");
        Files.createSymbolicLink(p.resolve("3"), Path.of(target));
    }
}
