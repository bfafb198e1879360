package io.vfiorig.vfio.uapi;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link StructLayout}s of the VFIO and iommufd structs, x86_64, field names as in C.
 *
 * <p>__u32/__s32 are JAVA_INT, __u16 JAVA_SHORT, __u8 JAVA_BYTE, __u64/__aligned_u64 JAVA_LONG (8-byte
 * aligned on x86_64 either way). Flexible array members are zero-length sequences, so their offset is
 * part of the layout ({@code byteOffset(groupElement("data"))}) but not its size. Each layout's name is
 * the C struct name; {@link #all()} lists them.
 */
public final class VfioLayouts {
    private VfioLayouts() {
    }

    private static MemoryLayout u32(String name) {
        return JAVA_INT.withName(name);
    }

    private static MemoryLayout u64(String name) {
        return JAVA_LONG.withName(name);
    }

    private static MemoryLayout flex(MemoryLayout element, String name) {
        return MemoryLayout.sequenceLayout(0, element).withName(name);
    }

    /** {@code vfio_info_cap_header {u16 id, u16 version, u32 next}}; next is from the info buffer start. */
    public static final StructLayout VFIO_INFO_CAP_HEADER = MemoryLayout.structLayout(
            JAVA_SHORT.withName("id"), JAVA_SHORT.withName("version"), u32("next"))
            .withName("vfio_info_cap_header");

    /** {@code vfio_group_status}. */
    public static final StructLayout VFIO_GROUP_STATUS = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"))
            .withName("vfio_group_status");

    /** {@code vfio_device_info}, 24 bytes with the trailing pad (20 in pre-pad headers such as 6.1). */
    public static final StructLayout VFIO_DEVICE_INFO = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("num_regions"), u32("num_irqs"), u32("cap_offset"), u32("pad"))
            .withName("vfio_device_info");

    /** {@code vfio_region_info}. */
    public static final StructLayout VFIO_REGION_INFO = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("index"), u32("cap_offset"), u64("size"), u64("offset"))
            .withName("vfio_region_info");

    /** {@code vfio_region_sparse_mmap_area}: one mmappable area, relative to the region. */
    public static final StructLayout VFIO_REGION_SPARSE_MMAP_AREA = MemoryLayout.structLayout(
            u64("offset"), u64("size"))
            .withName("vfio_region_sparse_mmap_area");

    /** {@code vfio_region_info_cap_sparse_mmap} header; areas follow at 16. */
    public static final StructLayout VFIO_REGION_INFO_CAP_SPARSE_MMAP = MemoryLayout.structLayout(
            VFIO_INFO_CAP_HEADER.withName("header"), u32("nr_areas"), u32("reserved"),
            flex(VFIO_REGION_SPARSE_MMAP_AREA, "areas"))
            .withName("vfio_region_info_cap_sparse_mmap");

    /** {@code vfio_region_info_cap_type}. */
    public static final StructLayout VFIO_REGION_INFO_CAP_TYPE = MemoryLayout.structLayout(
            VFIO_INFO_CAP_HEADER.withName("header"), u32("type"), u32("subtype"))
            .withName("vfio_region_info_cap_type");

    /** {@code vfio_irq_info}. */
    public static final StructLayout VFIO_IRQ_INFO = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("index"), u32("count"))
            .withName("vfio_irq_info");

    /** {@code vfio_irq_set} header; data[] follows at 20. */
    public static final StructLayout VFIO_IRQ_SET = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("index"), u32("start"), u32("count"), flex(JAVA_BYTE, "data"))
            .withName("vfio_irq_set");

    /** {@code vfio_device_feature} header; the feature payload follows at 8. */
    public static final StructLayout VFIO_DEVICE_FEATURE = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), flex(JAVA_BYTE, "data"))
            .withName("vfio_device_feature");

    /** {@code vfio_region_dma_range}: one BAR slice of a dma-buf. */
    public static final StructLayout VFIO_REGION_DMA_RANGE = MemoryLayout.structLayout(
            u64("offset"), u64("length"))
            .withName("vfio_region_dma_range");

    /** {@code vfio_device_feature_dma_buf} (DMA_BUF payload); dma_ranges follow at 16. */
    public static final StructLayout VFIO_DEVICE_FEATURE_DMA_BUF = MemoryLayout.structLayout(
            u32("region_index"), u32("open_flags"), u32("flags"), u32("nr_ranges"),
            flex(VFIO_REGION_DMA_RANGE, "dma_ranges"))
            .withName("vfio_device_feature_dma_buf");

    /** The DMABUF-mmap series' DMA_BUF_REVOKE payload {@code {s32 dmabuf_fd}} (not in any mainline header). */
    public static final StructLayout VFIO_DEVICE_FEATURE_DMA_BUF_REVOKE = MemoryLayout.structLayout(
            u32("dmabuf_fd"))
            .withName("vfio_device_feature_dma_buf_revoke");

    /** The DMABUF-mmap series' DMA_BUF_MEMATTR payload {@code {s32 dmabuf_fd, u32 memattr}}. */
    public static final StructLayout VFIO_DEVICE_FEATURE_DMA_BUF_MEMATTR = MemoryLayout.structLayout(
            u32("dmabuf_fd"), u32("memattr"))
            .withName("vfio_device_feature_dma_buf_memattr");

    /** {@code vfio_pci_dependent_device}; {@code id} is the C anonymous union {group_id, devid}. */
    public static final StructLayout VFIO_PCI_DEPENDENT_DEVICE = MemoryLayout.structLayout(
            MemoryLayout.unionLayout(u32("group_id"), u32("devid")).withName("id"),
            JAVA_SHORT.withName("segment"), JAVA_BYTE.withName("bus"), JAVA_BYTE.withName("devfn"))
            .withName("vfio_pci_dependent_device");

    /** {@code vfio_pci_hot_reset_info} header; devices follow at 12. */
    public static final StructLayout VFIO_PCI_HOT_RESET_INFO = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("count"), flex(VFIO_PCI_DEPENDENT_DEVICE, "devices"))
            .withName("vfio_pci_hot_reset_info");

    /** {@code vfio_pci_hot_reset} header; group_fds follow at 12 (cdev users pass count 0). */
    public static final StructLayout VFIO_PCI_HOT_RESET = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("count"), flex(JAVA_INT, "group_fds"))
            .withName("vfio_pci_hot_reset");

    /** {@code vfio_device_bind_iommufd}, 24 bytes; kernels before the token field accept 16. */
    public static final StructLayout VFIO_DEVICE_BIND_IOMMUFD = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("iommufd"), u32("out_devid"), u64("token_uuid_ptr"))
            .withName("vfio_device_bind_iommufd");

    /** {@code vfio_device_attach_iommufd_pt}. */
    public static final StructLayout VFIO_DEVICE_ATTACH_IOMMUFD_PT = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("pt_id"), u32("pasid"))
            .withName("vfio_device_attach_iommufd_pt");

    /** {@code vfio_device_detach_iommufd_pt}. */
    public static final StructLayout VFIO_DEVICE_DETACH_IOMMUFD_PT = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u32("pasid"))
            .withName("vfio_device_detach_iommufd_pt");

    /** {@code vfio_iommu_type1_dma_map}. */
    public static final StructLayout VFIO_IOMMU_TYPE1_DMA_MAP = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u64("vaddr"), u64("iova"), u64("size"))
            .withName("vfio_iommu_type1_dma_map");

    /** {@code vfio_iommu_type1_dma_unmap} header; data[] (a vfio_bitmap) follows at 24. */
    public static final StructLayout VFIO_IOMMU_TYPE1_DMA_UNMAP = MemoryLayout.structLayout(
            u32("argsz"), u32("flags"), u64("iova"), u64("size"), flex(JAVA_BYTE, "data"))
            .withName("vfio_iommu_type1_dma_unmap");

    /** {@code iommu_destroy}. */
    public static final StructLayout IOMMU_DESTROY = MemoryLayout.structLayout(
            u32("size"), u32("id"))
            .withName("iommu_destroy");

    /** {@code iommu_ioas_alloc}. */
    public static final StructLayout IOMMU_IOAS_ALLOC = MemoryLayout.structLayout(
            u32("size"), u32("flags"), u32("out_ioas_id"))
            .withName("iommu_ioas_alloc");

    /** {@code iommu_iova_range}: an inclusive interval [start, last]. */
    public static final StructLayout IOMMU_IOVA_RANGE = MemoryLayout.structLayout(
            u64("start"), u64("last"))
            .withName("iommu_iova_range");

    /** {@code iommu_ioas_iova_ranges}; allowed_iovas points at an iommu_iova_range array. */
    public static final StructLayout IOMMU_IOAS_IOVA_RANGES = MemoryLayout.structLayout(
            u32("size"), u32("ioas_id"), u32("num_iovas"), u32("__reserved"),
            u64("allowed_iovas"), u64("out_iova_alignment"))
            .withName("iommu_ioas_iova_ranges");

    /** {@code iommu_ioas_map}. */
    public static final StructLayout IOMMU_IOAS_MAP = MemoryLayout.structLayout(
            u32("size"), u32("flags"), u32("ioas_id"), u32("__reserved"),
            u64("user_va"), u64("length"), u64("iova"))
            .withName("iommu_ioas_map");

    /** {@code iommu_ioas_unmap}. */
    public static final StructLayout IOMMU_IOAS_UNMAP = MemoryLayout.structLayout(
            u32("size"), u32("ioas_id"), u64("iova"), u64("length"))
            .withName("iommu_ioas_unmap");

    /** {@code iommu_ioas_map_file}. */
    public static final StructLayout IOMMU_IOAS_MAP_FILE = MemoryLayout.structLayout(
            u32("size"), u32("flags"), u32("ioas_id"), u32("fd"),
            u64("start"), u64("length"), u64("iova"))
            .withName("iommu_ioas_map_file");

    private static final Map<String, StructLayout> ALL = index(
            VFIO_INFO_CAP_HEADER, VFIO_GROUP_STATUS, VFIO_DEVICE_INFO, VFIO_REGION_INFO,
            VFIO_REGION_SPARSE_MMAP_AREA, VFIO_REGION_INFO_CAP_SPARSE_MMAP, VFIO_REGION_INFO_CAP_TYPE,
            VFIO_IRQ_INFO, VFIO_IRQ_SET, VFIO_DEVICE_FEATURE, VFIO_REGION_DMA_RANGE,
            VFIO_DEVICE_FEATURE_DMA_BUF, VFIO_DEVICE_FEATURE_DMA_BUF_REVOKE, VFIO_DEVICE_FEATURE_DMA_BUF_MEMATTR,
            VFIO_PCI_DEPENDENT_DEVICE, VFIO_PCI_HOT_RESET_INFO, VFIO_PCI_HOT_RESET,
            VFIO_DEVICE_BIND_IOMMUFD, VFIO_DEVICE_ATTACH_IOMMUFD_PT, VFIO_DEVICE_DETACH_IOMMUFD_PT,
            VFIO_IOMMU_TYPE1_DMA_MAP, VFIO_IOMMU_TYPE1_DMA_UNMAP,
            IOMMU_DESTROY, IOMMU_IOAS_ALLOC, IOMMU_IOVA_RANGE, IOMMU_IOAS_IOVA_RANGES,
            IOMMU_IOAS_MAP, IOMMU_IOAS_UNMAP, IOMMU_IOAS_MAP_FILE);

    /** {@return every layout of this class keyed by its C struct name, in declaration order} */
    public static Map<String, StructLayout> all() {
        return ALL;
    }

    private static Map<String, StructLayout> index(StructLayout... layouts) {
        Map<String, StructLayout> map = new LinkedHashMap<>();
        for (StructLayout l : layouts) {
            String name = l.name().orElseThrow();
            if (map.put(name, l) != null) {
                throw new IllegalStateException("duplicate layout name " + name);
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
