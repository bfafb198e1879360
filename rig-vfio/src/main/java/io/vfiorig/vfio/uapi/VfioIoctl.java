package io.vfiorig.vfio.uapi;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * VFIO and iommufd ioctl request numbers.
 *
 * <p>All are {@code _IO(';', nr)}: the size and direction bits are zero (the structs carry their own
 * argsz/size), so request = {@code 0x3B00 | nr}. VFIO numbers start at {@code VFIO_BASE} 100; the
 * container fd reuses 112-116 for the type1 IOMMU. iommufd numbers start at 0x80.
 */
public final class VfioIoctl {
    /** The ioctl type character of both VFIO and iommufd. */
    public static final char VFIO_TYPE = ';';
    /** First VFIO command number. */
    public static final int VFIO_BASE = 100;
    /** First iommufd command number ({@code IOMMUFD_CMD_BASE}). */
    public static final int IOMMUFD_CMD_BASE = 0x80;

    // ---- container fd (/dev/vfio/vfio, or /dev/iommu as compat container)
    /** Container: returns VFIO_API_VERSION (0). */
    public static final long VFIO_GET_API_VERSION = io(VFIO_TYPE, VFIO_BASE + 0);
    /** Container: integer arg = extension (TYPE1 1, TYPE1v2 3, NOIOMMU 8); returns &gt; 0 if supported. */
    public static final long VFIO_CHECK_EXTENSION = io(VFIO_TYPE, VFIO_BASE + 1);
    /** Container: integer arg = IOMMU type. */
    public static final long VFIO_SET_IOMMU = io(VFIO_TYPE, VFIO_BASE + 2);

    // ---- group fd (/dev/vfio/N)
    /** Group: {@code vfio_group_status}. */
    public static final long VFIO_GROUP_GET_STATUS = io(VFIO_TYPE, VFIO_BASE + 3);
    /** Group: pointer to an int holding the container fd. */
    public static final long VFIO_GROUP_SET_CONTAINER = io(VFIO_TYPE, VFIO_BASE + 4);
    /** Group: no argument; detaches the group from its container. */
    public static final long VFIO_GROUP_UNSET_CONTAINER = io(VFIO_TYPE, VFIO_BASE + 5);
    /** Group: pointer to a NUL-terminated BDF ("0000:bb:dd.f"); returns the device fd. */
    public static final long VFIO_GROUP_GET_DEVICE_FD = io(VFIO_TYPE, VFIO_BASE + 6);

    // ---- device fd
    /** Device: {@code vfio_device_info}. */
    public static final long VFIO_DEVICE_GET_INFO = io(VFIO_TYPE, VFIO_BASE + 7);
    /** Device: {@code vfio_region_info}. */
    public static final long VFIO_DEVICE_GET_REGION_INFO = io(VFIO_TYPE, VFIO_BASE + 8);
    /** Device: {@code vfio_irq_info}. */
    public static final long VFIO_DEVICE_GET_IRQ_INFO = io(VFIO_TYPE, VFIO_BASE + 9);
    /** Device: {@code vfio_irq_set} + data. */
    public static final long VFIO_DEVICE_SET_IRQS = io(VFIO_TYPE, VFIO_BASE + 10);
    /** Device: no argument; function reset (revokes BAR mappings while it runs). */
    public static final long VFIO_DEVICE_RESET = io(VFIO_TYPE, VFIO_BASE + 11);
    /** Device: {@code vfio_pci_hot_reset_info}; ENOSPC if the buffer is too small. */
    public static final long VFIO_DEVICE_GET_PCI_HOT_RESET_INFO = io(VFIO_TYPE, VFIO_BASE + 12);
    /** Device: {@code vfio_pci_hot_reset}. */
    public static final long VFIO_DEVICE_PCI_HOT_RESET = io(VFIO_TYPE, VFIO_BASE + 13);
    /** Device: {@code vfio_device_feature} + payload; DMA_BUF GET returns the dma-buf fd. */
    public static final long VFIO_DEVICE_FEATURE = io(VFIO_TYPE, VFIO_BASE + 17);
    /** Device (cdev): {@code vfio_device_bind_iommufd}; every other device ioctl fails before it. */
    public static final long VFIO_DEVICE_BIND_IOMMUFD = io(VFIO_TYPE, VFIO_BASE + 18);
    /** Device (cdev): {@code vfio_device_attach_iommufd_pt}. */
    public static final long VFIO_DEVICE_ATTACH_IOMMUFD_PT = io(VFIO_TYPE, VFIO_BASE + 19);
    /** Device (cdev): {@code vfio_device_detach_iommufd_pt}. */
    public static final long VFIO_DEVICE_DETACH_IOMMUFD_PT = io(VFIO_TYPE, VFIO_BASE + 20);

    // ---- type1 IOMMU on the container fd (numbers shared with device ioctls 12-16)
    /** Container (type1): {@code vfio_iommu_type1_info}; same number as GET_PCI_HOT_RESET_INFO. */
    public static final long VFIO_IOMMU_GET_INFO = io(VFIO_TYPE, VFIO_BASE + 12);
    /** Container (type1): {@code vfio_iommu_type1_dma_map}; same number as PCI_HOT_RESET. */
    public static final long VFIO_IOMMU_MAP_DMA = io(VFIO_TYPE, VFIO_BASE + 13);
    /** Container (type1): {@code vfio_iommu_type1_dma_unmap}. */
    public static final long VFIO_IOMMU_UNMAP_DMA = io(VFIO_TYPE, VFIO_BASE + 14);
    /** Container: no argument (sPAPR only in practice). */
    public static final long VFIO_IOMMU_ENABLE = io(VFIO_TYPE, VFIO_BASE + 15);
    /** Container: no argument (sPAPR only in practice). */
    public static final long VFIO_IOMMU_DISABLE = io(VFIO_TYPE, VFIO_BASE + 16);

    // ---- iommufd (/dev/iommu)
    /** iommufd: {@code iommu_destroy}. */
    public static final long IOMMU_DESTROY = io(VFIO_TYPE, IOMMUFD_CMD_BASE + 0x0);
    /** iommufd: {@code iommu_ioas_alloc}. */
    public static final long IOMMU_IOAS_ALLOC = io(VFIO_TYPE, IOMMUFD_CMD_BASE + 0x1);
    /** iommufd: {@code iommu_ioas_iova_ranges}; EMSGSIZE if num_iovas is too small. */
    public static final long IOMMU_IOAS_IOVA_RANGES = io(VFIO_TYPE, IOMMUFD_CMD_BASE + 0x4);
    /** iommufd: {@code iommu_ioas_map}. */
    public static final long IOMMU_IOAS_MAP = io(VFIO_TYPE, IOMMUFD_CMD_BASE + 0x5);
    /** iommufd: {@code iommu_ioas_unmap}; iova 0, length U64_MAX unmaps everything. */
    public static final long IOMMU_IOAS_UNMAP = io(VFIO_TYPE, IOMMUFD_CMD_BASE + 0x6);
    /** iommufd: {@code iommu_ioas_map_file}; accepts a memfd or a single-range vfio dma-buf (6.19). */
    public static final long IOMMU_IOAS_MAP_FILE = io(VFIO_TYPE, IOMMUFD_CMD_BASE + 0xF);

    private static final Map<Long, String> NAMES = collectNames();

    private VfioIoctl() {
    }

    /**
     * {@code _IO(type, nr)}: direction and size bits zero.
     *
     * @param type the ioctl type character
     * @param nr   the command number (0-255)
     * @return the request number
     */
    static long io(char type, int nr) {
        if (nr < 0 || nr > 0xff) {
            throw new IllegalArgumentException("ioctl nr out of range: " + nr);
        }
        return ((long) type << 8) | nr;
    }

    /**
     * Symbolic name of a request. Shared numbers list every name, sorted and joined with '|', e.g.
     * {@code "VFIO_DEVICE_GET_PCI_HOT_RESET_INFO|VFIO_IOMMU_GET_INFO"}.
     *
     * @param request the request number
     * @return the name(s), or the number in hex (e.g. {@code "0x5401"}) if it is not a VFIO/iommufd request
     */
    public static String name(long request) {
        String name = NAMES.get(request);
        return name != null ? name : "0x" + Long.toHexString(request);
    }

    /**
     * Name and number, as error messages print them.
     *
     * @param request the request number
     * @return e.g. {@code "VFIO_DEVICE_GET_REGION_INFO 0x3b6c"}, or just {@code "0x5401"} if unknown
     */
    public static String describe(long request) {
        String hex = "0x" + Long.toHexString(request);
        String name = NAMES.get(request);
        return name != null ? name + " " + hex : hex;
    }

    /** {@return every request constant of this class by name, for tests and diagnostics} */
    public static Map<String, Long> all() {
        Map<String, Long> all = new TreeMap<>();
        for (Field f : requestFields()) {
            try {
                all.put(f.getName(), f.getLong(null));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return Collections.unmodifiableMap(all);
    }

    // Reflection keeps the name table and the constants from drifting apart.
    private static Map<Long, String> collectNames() {
        Map<Long, List<String>> byValue = new TreeMap<>();
        all().forEach((name, value) -> byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(name));
        Map<Long, String> names = new TreeMap<>();
        byValue.forEach((value, list) -> {
            Collections.sort(list);
            names.put(value, String.join("|", list));
        });
        return Collections.unmodifiableMap(names);
    }

    private static List<Field> requestFields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : VfioIoctl.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == long.class) {
                fields.add(f);
            }
        }
        return fields;
    }
}
