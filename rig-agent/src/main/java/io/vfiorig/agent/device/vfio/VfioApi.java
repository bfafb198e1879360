package io.vfiorig.agent.device.vfio;

import java.util.Locale;

/** The way a VFIO device was (or is to be) opened; {@link #id()} is what reports and {@code api=} use. */
public enum VfioApi {
    /** Group/container: {@code /dev/vfio/N} + {@code /dev/vfio/vfio}, type1v2 IOMMU. */
    GROUP("group"),
    /** iommufd cdev: {@code /dev/vfio/devices/vfioN} + {@code /dev/iommu}. */
    CDEV("cdev"),
    /** Group/container without an IOMMU ({@code /dev/vfio/noiommu-N}): no DMA isolation, taints the kernel. */
    NOIOMMU("noiommu"),
    /**
     * cdev without an IOMMU ({@code /dev/vfio/devices/noiommu-vfioN}, kernels with CONFIG_IOMMUFD_NOIOMMU):
     * bound to an iommufd, nothing to attach. No DMA isolation either.
     */
    NOIOMMU_CDEV("noiommu-cdev");

    private final String id;

    VfioApi(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The device's DMA is not isolated: say so loudly. */
    public boolean noIommu() {
        return this == NOIOMMU || this == NOIOMMU_CDEV;
    }

    /**
     * The API named by {@code api=}: only {@code group} and {@code cdev} can be asked for (noiommu is
     * what the group API finds on a host without an IOMMU).
     *
     * @throws IllegalArgumentException naming the choices
     */
    public static VfioApi requestable(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "group" -> GROUP;
            case "cdev" -> CDEV;
            default -> throw new IllegalArgumentException("api '" + text + "' is not one of group, cdev"
                    + " (noiommu is picked by the group API when the host has no IOMMU)");
        };
    }
}
