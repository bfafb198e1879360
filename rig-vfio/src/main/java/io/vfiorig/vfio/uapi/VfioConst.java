package io.vfiorig.vfio.uapi;

/**
 * VFIO / iommufd / PCI constants the rig uses, named as in the C headers so they can be grepped.
 */
public final class VfioConst {
    private VfioConst() {
    }

    /** What VFIO_GET_API_VERSION returns. */
    public static final int VFIO_API_VERSION = 0;

    // ---- extensions (VFIO_CHECK_EXTENSION / VFIO_SET_IOMMU)
    /** Type1 IOMMU. */
    public static final int VFIO_TYPE1_IOMMU = 1;
    /** Type1 v2 IOMMU: what the group flow passes to SET_IOMMU. */
    public static final int VFIO_TYPE1v2_IOMMU = 3;
    /** DMA cache coherence enforced by the IOMMU. */
    public static final int VFIO_DMA_CC_IOMMU = 4;
    /** No-IOMMU mode: the only extension a noiommu container reports. */
    public static final int VFIO_NOIOMMU_IOMMU = 8;
    /** Supports VFIO_DMA_UNMAP_FLAG_ALL. */
    public static final int VFIO_UNMAP_ALL = 9;
    /** Supports the vaddr flag for DMA map and unmap. */
    public static final int VFIO_UPDATE_VADDR = 10;

    // ---- vfio_group_status.flags
    /** The group is usable: all its devices are bound to vfio drivers. */
    public static final int VFIO_GROUP_FLAGS_VIABLE = 1 << 0;
    /** The group is attached to a container. */
    public static final int VFIO_GROUP_FLAGS_CONTAINER_SET = 1 << 1;

    // ---- vfio_device_info.flags
    /** VFIO_DEVICE_RESET is supported. */
    public static final int VFIO_DEVICE_FLAGS_RESET = 1 << 0;
    /** A vfio-pci device. */
    public static final int VFIO_DEVICE_FLAGS_PCI = 1 << 1;
    /** cap_offset is valid. */
    public static final int VFIO_DEVICE_FLAGS_CAPS = 1 << 7;

    // ---- vfio_region_info.flags
    /** Region supports read (pread). */
    public static final int VFIO_REGION_INFO_FLAG_READ = 1 << 0;
    /** Region supports write (pwrite). */
    public static final int VFIO_REGION_INFO_FLAG_WRITE = 1 << 1;
    /** Region supports mmap. Never set for config space. */
    public static final int VFIO_REGION_INFO_FLAG_MMAP = 1 << 2;
    /** cap_offset is valid; with a too-small argsz the kernel also raises argsz: call again. */
    public static final int VFIO_REGION_INFO_FLAG_CAPS = 1 << 3;

    // ---- vfio-pci region indices
    /** BAR 0. */
    public static final int VFIO_PCI_BAR0_REGION_INDEX = 0;
    /** BAR 1. */
    public static final int VFIO_PCI_BAR1_REGION_INDEX = 1;
    /** BAR 2. */
    public static final int VFIO_PCI_BAR2_REGION_INDEX = 2;
    /** BAR 3. */
    public static final int VFIO_PCI_BAR3_REGION_INDEX = 3;
    /** BAR 4. */
    public static final int VFIO_PCI_BAR4_REGION_INDEX = 4;
    /** BAR 5. */
    public static final int VFIO_PCI_BAR5_REGION_INDEX = 5;
    /** Expansion ROM. */
    public static final int VFIO_PCI_ROM_REGION_INDEX = 6;
    /** PCI config space: read and write with pread/pwrite at region offset + register. */
    public static final int VFIO_PCI_CONFIG_REGION_INDEX = 7;
    /** Legacy VGA ranges. */
    public static final int VFIO_PCI_VGA_REGION_INDEX = 8;
    /** Fixed regions; device-specific regions start here. */
    public static final int VFIO_PCI_NUM_REGIONS = 9;

    // ---- vfio-pci IRQ indices
    /** INTx. */
    public static final int VFIO_PCI_INTX_IRQ_INDEX = 0;
    /** MSI. */
    public static final int VFIO_PCI_MSI_IRQ_INDEX = 1;
    /** MSI-X. */
    public static final int VFIO_PCI_MSIX_IRQ_INDEX = 2;
    /** AER error reporting. */
    public static final int VFIO_PCI_ERR_IRQ_INDEX = 3;
    /** Device request (the host wants the device back). */
    public static final int VFIO_PCI_REQ_IRQ_INDEX = 4;

    // ---- region info capability ids (vfio_info_cap_header.id)
    /** {@code vfio_region_info_cap_sparse_mmap}: only these areas may be mmapped. */
    public static final int VFIO_REGION_INFO_CAP_SPARSE_MMAP = 1;
    /** {@code vfio_region_info_cap_type}: device specific region type/subtype. */
    public static final int VFIO_REGION_INFO_CAP_TYPE = 2;
    /** Header only: the MSI-X table in this BAR may be mmapped. */
    public static final int VFIO_REGION_INFO_CAP_MSIX_MAPPABLE = 3;

    // ---- vfio_device_feature.flags
    /** Feature id bits. */
    public static final int VFIO_DEVICE_FEATURE_MASK = 0xffff;
    /** Get the feature into data[]. */
    public static final int VFIO_DEVICE_FEATURE_GET = 1 << 16;
    /** Set the feature from data[]. */
    public static final int VFIO_DEVICE_FEATURE_SET = 1 << 17;
    /** Only ask whether the feature (and the GET/SET bits given) is supported. */
    public static final int VFIO_DEVICE_FEATURE_PROBE = 1 << 18;

    // ---- feature ids (mainline)
    /** SR-IOV VF token (16-byte UUID). */
    public static final int VFIO_DEVICE_FEATURE_PCI_VF_TOKEN = 0;
    /** Migration capabilities. */
    public static final int VFIO_DEVICE_FEATURE_MIGRATION = 1;
    /** Migration state machine. */
    public static final int VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE = 2;
    /** SET: allow low power; mmapped regions SIGBUS until LOW_POWER_EXIT. */
    public static final int VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY = 3;
    /** Like LOW_POWER_ENTRY, with a wakeup eventfd. */
    public static final int VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP = 4;
    /** SET: leave low power. */
    public static final int VFIO_DEVICE_FEATURE_LOW_POWER_EXIT = 5;
    /** Start device DMA logging. */
    public static final int VFIO_DEVICE_FEATURE_DMA_LOGGING_START = 6;
    /** Stop device DMA logging. */
    public static final int VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP = 7;
    /** Read back the device DMA log. */
    public static final int VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT = 8;
    /** Estimated stop-copy data size. */
    public static final int VFIO_DEVICE_FEATURE_MIG_DATA_SIZE = 9;
    /** Bus master control (CDX devices only). */
    public static final int VFIO_DEVICE_FEATURE_BUS_MASTER = 10;
    /** GET only: export BAR ranges as a dma-buf; the ioctl returns its fd (6.19). */
    public static final int VFIO_DEVICE_FEATURE_DMA_BUF = 11;
    /** Pre-copy info v2; in vfio-next per the reference, not in the 02256acf header. */
    public static final int VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2 = 12;
    /** s390 zPCI error feature as of 7.3: why the DMABUF series moved to 14/15 there. */
    public static final int VFIO_DEVICE_FEATURE_ZPCI_ERROR = 13;

    // ---- vfio_device_feature_dma_buf
    /** DMA_BUF accepts only BAR indices below this (ENODEV otherwise). */
    public static final int VFIO_DMA_BUF_MAX_REGION_INDEX_EXCLUSIVE = 6;

    // ---- the DMABUF-mmap series' DMA_BUF_MEMATTR values (feature ids: see DmaBufSeriesFeatures)
    /** Non-cached (the default); ENOENT for an unknown value. */
    public static final int VFIO_DMA_BUF_MEMATTR_NC = 0;
    /** Write-combining. */
    public static final int VFIO_DMA_BUF_MEMATTR_WC = 1;

    // ---- hot reset
    /** hot_reset_info: entries carry devids (cdev), not group ids. */
    public static final int VFIO_PCI_HOT_RESET_FLAG_DEV_ID = 1 << 0;
    /** hot_reset_info: every affected device is owned; call PCI_HOT_RESET with count 0. */
    public static final int VFIO_PCI_HOT_RESET_FLAG_DEV_ID_OWNED = 1 << 1;
    /** devid value: owned implicitly (same IOMMU group). */
    public static final int VFIO_PCI_DEVID_OWNED = 0;
    /** devid value: not owned. */
    public static final int VFIO_PCI_DEVID_NOT_OWNED = -1;

    // ---- cdev
    /** bind_iommufd: token_uuid_ptr is valid (be2e70b96c3e, 2025). */
    public static final int VFIO_DEVICE_BIND_FLAG_TOKEN = 1 << 0;
    /** bind_iommufd: smallest argsz any cdev kernel accepts (without the token field). */
    public static final int VFIO_DEVICE_BIND_IOMMUFD_MIN_ARGSZ = 16;
    /** attach_iommufd_pt: pasid is valid. */
    public static final int VFIO_DEVICE_ATTACH_PASID = 1 << 0;
    /** detach_iommufd_pt: pasid is valid. */
    public static final int VFIO_DEVICE_DETACH_PASID = 1 << 0;

    // ---- type1 DMA
    /** dma_map: device may read. */
    public static final int VFIO_DMA_MAP_FLAG_READ = 1 << 0;
    /** dma_map: device may write. */
    public static final int VFIO_DMA_MAP_FLAG_WRITE = 1 << 1;
    /** dma_unmap: unmap everything (iova and size 0). */
    public static final int VFIO_DMA_UNMAP_FLAG_ALL = 1 << 1;

    // ---- iommufd IOAS_MAP / IOAS_MAP_FILE flags
    /** Use the given iova instead of letting the kernel pick one. */
    public static final int IOMMU_IOAS_MAP_FIXED_IOVA = 1 << 0;
    /** DMA may write. */
    public static final int IOMMU_IOAS_MAP_WRITEABLE = 1 << 1;
    /** DMA may read. */
    public static final int IOMMU_IOAS_MAP_READABLE = 1 << 2;

    // ---- PCI config space (linux/pci_regs.h)
    /** Vendor id register (u16). */
    public static final int PCI_VENDOR_ID = 0x00;
    /** Device id register (u16). */
    public static final int PCI_DEVICE_ID = 0x02;
    /** Command register (u16). */
    public static final int PCI_COMMAND = 0x04;
    /** Command: respond to I/O space accesses. */
    public static final int PCI_COMMAND_IO = 1 << 0;
    /** Command: respond to memory space accesses; clearing it revokes BAR mmaps (SIGBUS). */
    public static final int PCI_COMMAND_MEMORY = 1 << 1;
    /** Command: bus mastering (device-initiated DMA). */
    public static final int PCI_COMMAND_MASTER = 1 << 2;

    /**
     * Name of a mainline feature id, for messages.
     *
     * @param id a feature id (flags &amp; VFIO_DEVICE_FEATURE_MASK)
     * @return e.g. {@code "DMA_BUF"}, or {@code "feature 14"} for ids that differ per kernel
     */
    public static String featureName(int id) {
        return switch (id) {
            case VFIO_DEVICE_FEATURE_PCI_VF_TOKEN -> "PCI_VF_TOKEN";
            case VFIO_DEVICE_FEATURE_MIGRATION -> "MIGRATION";
            case VFIO_DEVICE_FEATURE_MIG_DEVICE_STATE -> "MIG_DEVICE_STATE";
            case VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY -> "LOW_POWER_ENTRY";
            case VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY_WITH_WAKEUP -> "LOW_POWER_ENTRY_WITH_WAKEUP";
            case VFIO_DEVICE_FEATURE_LOW_POWER_EXIT -> "LOW_POWER_EXIT";
            case VFIO_DEVICE_FEATURE_DMA_LOGGING_START -> "DMA_LOGGING_START";
            case VFIO_DEVICE_FEATURE_DMA_LOGGING_STOP -> "DMA_LOGGING_STOP";
            case VFIO_DEVICE_FEATURE_DMA_LOGGING_REPORT -> "DMA_LOGGING_REPORT";
            case VFIO_DEVICE_FEATURE_MIG_DATA_SIZE -> "MIG_DATA_SIZE";
            case VFIO_DEVICE_FEATURE_BUS_MASTER -> "BUS_MASTER";
            case VFIO_DEVICE_FEATURE_DMA_BUF -> "DMA_BUF";
            case VFIO_DEVICE_FEATURE_MIG_PRECOPY_INFOv2 -> "MIG_PRECOPY_INFOv2";
            default -> "feature " + id;
        };
    }
}
