package io.vfiorig.agent.device.vfio;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a device's VFIO nodes are: the cdev ({@code /sys/bus/pci/devices/BDF/vfio-dev/vfioN} →
 * {@code /dev/vfio/devices/vfioN}), the group node ({@code /dev/vfio/N} or {@code noiommu-N}), the
 * container and {@code /dev/iommu}. Only looks; roots are parameters so tests use a fake tree.
 */
public final class VfioNodes {
    private final Path sys;
    private final Path dev;

    public VfioNodes() {
        this(Path.of("/sys"), Path.of("/dev"));
    }

    public VfioNodes(Path sysRoot, Path devRoot) {
        this.sys = sysRoot;
        this.dev = devRoot;
    }

    /**
     * The cdev name the kernel gave the device: {@code vfio0}, or {@code noiommu-vfio0} for a device
     * without an IOMMU (CONFIG_IOMMUFD_NOIOMMU); empty without VFIO_DEVICE_CDEV or when not bound.
     */
    public Optional<String> cdevName(String bdf) {
        List<String> names = list(sys.resolve("bus/pci/devices").resolve(bdf).resolve("vfio-dev"));
        return names.stream().filter(n -> n.startsWith("vfio") || n.startsWith("noiommu-vfio")).findFirst();
    }

    /** {@code /dev/vfio/devices/vfioN}, when both the sysfs entry and the node exist. */
    public Optional<Path> cdevNode(String bdf) {
        return cdevName(bdf).map(n -> dev.resolve("vfio/devices").resolve(n)).filter(Files::exists);
    }

    public Path iommufd() {
        return dev.resolve("iommu");
    }

    public Path container() {
        return dev.resolve("vfio/vfio");
    }

    /** The group node for an IOMMU group: {@code /dev/vfio/N}, else {@code /dev/vfio/noiommu-N}. */
    public Optional<Path> groupNode(int group) {
        if (group < 0) {
            return Optional.empty();
        }
        Path plain = dev.resolve("vfio").resolve(Integer.toString(group));
        if (Files.exists(plain)) {
            return Optional.of(plain);
        }
        Path noiommu = dev.resolve("vfio").resolve("noiommu-" + group);
        return Files.exists(noiommu) ? Optional.of(noiommu) : Optional.empty();
    }

    /** Whether a group or cdev node is a no-IOMMU one (the kernel runs without DMA isolation). */
    public static boolean isNoiommu(Path node) {
        return node.getFileName().toString().startsWith("noiommu-");
    }

    /**
     * The API to use: the one asked for, else cdev when the device has a cdev and {@code /dev/iommu}
     * exists, else group.
     */
    public VfioApi pick(String bdf, Optional<VfioApi> requested) {
        if (requested.isPresent()) {
            return requested.get();
        }
        return cdevNode(bdf).isPresent() && Files.exists(iommufd()) ? VfioApi.CDEV : VfioApi.GROUP;
    }

    private static List<String> list(Path dir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }
}
